#!/usr/bin/env bash
# Failover benchmark: N runs of "kill -9 the active node -> group online on the standby",
# measured from outside with the management API, at the default heartbeat settings
# (interval 500ms, timeout 3s). Also N runs of SIGSTOP (a hung node, no crash signal to lean on).
# Usage: bench/failover.sh [runs]      (needs node/target/zoneha-node.jar; curl, openssl)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
JAR=node/target/zoneha-node.jar
WORK=$(mktemp -d /tmp/zoneha-bench.XXXXXX)
SECRET=bench-secret-0123456789abcdef
A1=127.0.9.1; A2=127.0.9.2
declare -A PID
# shellcheck source=bench/lib.sh
source bench/lib.sh
ensure_jar
trap cleanup EXIT

{ cluster_head bench; cat <<YAML; } > "$WORK/cluster.yaml"
groups:
  - name: failover1
    resources:
      - name: app1
        type: exec
        params:
          start: "touch $WORK/active-\$ZONEHA_SERVER"
          stop: "rm -f $WORK/active-\$ZONEHA_SERVER"
YAML
TOKEN=$(management_token)

run_series() { # signal
  local sig=$1 results=()
  for i in $(seq 1 "$RUNS"); do
    local active; active=$(owner node1); [ -n "$active" ] || active=$(owner node2)
    local standby; standby=$(other "$active")
    local t0; t0=$(date +%s%N)
    kill -"$sig" "${PID[$active]}"
    wait_for "$standby to own failover1" 30 owned_by "$standby" "$standby"
    local t1; t1=$(date +%s%N)
    results+=($(( (t1 - t0) / 1000000 )))
    kill -CONT "${PID[$active]}" 2>/dev/null || true
    kill -9 "${PID[$active]}" 2>/dev/null || true
    wait "${PID[$active]}" 2>/dev/null || true
    start_node "$active"
    wait_for "both nodes up" 90 both_up
    sleep 1
  done
  summary "SIG$sig" "${results[@]}"
}

start_node node1; start_node node2
wait_for "both nodes up" 90 both_up
wait_for "failover1 online on node1" 60 owned_by node2 node1
echo "heartbeat interval 500ms, timeout 3s; $RUNS runs each; machine: $(nproc) cores"
run_series KILL
run_series STOP
