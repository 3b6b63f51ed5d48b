#!/usr/bin/env bash
# Failover benchmark: N runs of "kill -9 the active node -> group online on the standby",
# measured from outside with the management API, at the default heartbeat settings
# (interval 500ms, timeout 3s). Also N runs of SIGSTOP (a hung node, no crash signal to lean on).
# Usage: bench/failover.sh [runs]      (needs node/target/zoneha-node.jar; curl, openssl)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
JAR=node/target/zoneha-node.jar
[ -f "$JAR" ] || mvn -B -ntp -q -DskipTests package
WORK=$(mktemp -d /tmp/zoneha-bench.XXXXXX)
SECRET=bench-secret-0123456789abcdef
A1=127.0.9.1; A2=127.0.9.2
declare -A PID
cleanup() {
  for p in "${PID[@]:-}"; do [ -n "$p" ] && kill -CONT "$p" 2>/dev/null; kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

cat > "$WORK/cluster.yaml" <<YAML
cluster:
  name: bench
  secret: $SECRET
servers:
  - name: node1
    interconnects: [$A1]
  - name: node2
    interconnects: [$A2]
heartbeat:
  interval: 500ms
  timeout: 3s
  startupWait: 5s
groups:
  - name: failover1
    resources:
      - name: app1
        type: exec
        params:
          start: "touch $WORK/active-\$ZONEHA_SERVER"
          stop: "rm -f $WORK/active-\$ZONEHA_SERVER"
YAML
TOKEN=$(printf 'zoneha-management-v1' | openssl dgst -sha256 -hmac "$SECRET" | awk '{print $NF}')
addr() { [ "$1" = node1 ] && echo $A1 || echo $A2; }
other() { [ "$1" = node1 ] && echo node2 || echo node1; }
start_node() {
  java -Xmx256m -jar "$JAR" node --config "$WORK/cluster.yaml" --server "$1" --state-dir "$WORK/$1" \
    > "$WORK/$1.out" 2>&1 &
  PID[$1]=$!
}
# prints the server where failover1 is online as seen by node $1, or nothing
owner() {
  curl -s -m 1 -H "Authorization: Bearer $TOKEN" "http://$(addr "$1"):29001/api/v1/status" 2>/dev/null |
    python3 -c 'import sys,json
try:
  s=json.load(sys.stdin); g=[g for g in s["groups"] if g["name"]=="failover1"][0]
  print(g["server"] if g["state"]=="online" else "")
except Exception: pass'
}
wait_owner() { # viewer expected timeout_s
  local end=$(( $(date +%s) + $3 ))
  while [ "$(date +%s)" -lt "$end" ]; do [ "$(owner "$1")" = "$2" ] && return 0; sleep 0.02; done
  echo "timeout waiting for $2 to own failover1 (seen from $1)" >&2; return 1
}
# true when node $1 sees every server online
all_online() {
  curl -s -m 1 -H "Authorization: Bearer $TOKEN" "http://$(addr "$1"):29001/api/v1/status" 2>/dev/null |
    python3 -c 'import sys,json
try:
  s=json.load(sys.stdin); sys.exit(0 if all(x["state"]=="online" for x in s["servers"]) else 1)
except Exception: sys.exit(1)'
}
wait_both_up() {
  local end=$(( $(date +%s) + 90 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    all_online node1 && all_online node2 && return 0
    sleep 0.2
  done
  echo "nodes did not both come up" >&2; return 1
}

run_series() { # signal
  local sig=$1 results=()
  for i in $(seq 1 "$RUNS"); do
    local active; active=$(owner node1); [ -n "$active" ] || active=$(owner node2)
    local standby; standby=$(other "$active")
    local t0; t0=$(date +%s%N)
    kill -"$sig" "${PID[$active]}"
    wait_owner "$standby" "$standby" 30
    local t1; t1=$(date +%s%N)
    results+=($(( (t1 - t0) / 1000000 )))
    kill -CONT "${PID[$active]}" 2>/dev/null || true
    kill -9 "${PID[$active]}" 2>/dev/null || true
    wait "${PID[$active]}" 2>/dev/null || true
    start_node "$active"
    wait_both_up
    sleep 1
  done
  printf '%s\n' "${results[@]}" | sort -n | awk -v sig="$sig" '{a[NR]=$1} END {
    med = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2;
    printf "SIG%s: runs=%d median=%d ms max=%d ms min=%d ms all=", sig, NR, med, a[NR], a[1];
    for (i = 1; i <= NR; i++) printf "%s%d", (i>1?",":""), a[i]; printf "\n" }'
}

start_node node1; start_node node2
wait_both_up
wait_owner node2 node1 60
echo "heartbeat interval 500ms, timeout 3s; $RUNS runs each; machine: $(nproc) cores"
run_series KILL
run_series STOP
