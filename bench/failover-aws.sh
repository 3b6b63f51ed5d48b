#!/usr/bin/env bash
# AWS virtual IP failover benchmark against the AWS emulator: N runs of "kill -9 the active node ->
# every VIP route points at the standby's ENI", first with no added AWS latency, then with 50 ms
# added to every EC2 call (the emulator's fault injection), side by side in one run.
# "Routes switched" is the emulator's own timestamp of the new node's last successful ReplaceRoute
# (from its call log) minus the moment the script sent SIGKILL; both clocks are this machine's.
# "Group online" is when the survivor's status API first shows the group online (20 ms polling).
# Usage: bench/failover-aws.sh [runs]     (needs node/target/zoneha-node.jar; curl, openssl, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
JAR=node/target/zoneha-node.jar
WORK=$(mktemp -d /tmp/zoneha-bench-aws.XXXXXX)
SECRET=bench-secret-0123456789abcdef
A1=127.0.10.1; A2=127.0.10.2
EMU_PORT=29567
EMU=http://127.0.0.1:$EMU_PORT
declare -A PID
# shellcheck source=bench/lib.sh
source bench/lib.sh
ensure_jar
trap cleanup EXIT

java -Xmx256m -jar "$JAR" aws-emulator --port $EMU_PORT --state conf/src/main/resources/zoneha/emulator-vip.yaml \
  > "$WORK/emulator.out" 2>&1 &
PID[emulator]=$!

{ cluster_head bench-aws; cat <<YAML; } > "$WORK/cluster.yaml"
aws:
  region: ap-northeast-1
  ec2Endpoint: $EMU
  route53Endpoint: $EMU
  callTimeout: 5s
groups:
  - name: failover1
    resources:
      - name: awsvip1
        type: awsvip
        params: {vip: 10.1.0.20, vpcId: vpc-1234abcd, eniId: eni-1111aaaa, addLocalAddress: false}
        servers:
          node2: {eniId: eni-2222bbbb}
      - name: app1
        type: exec
        dependsOn: [awsvip1]
        params:
          start: "touch $WORK/active-\$ZONEHA_SERVER"
          stop: "rm -f $WORK/active-\$ZONEHA_SERVER"
YAML
TOKEN=$(management_token)
eni() { [ "$1" = node1 ] && echo eni-1111aaaa || echo eni-2222bbbb; }
key() { [ "$1" = node1 ] && echo AKIABENCHNODE1 || echo AKIABENCHNODE2; }
node_env() { echo "AWS_ACCESS_KEY_ID=$(key "$1") AWS_SECRET_ACCESS_KEY=bench-not-a-secret"; }
# the set of ENIs the VIP routes point at, e.g. "eni-2222bbbb" once all of them agree
vip_targets() {
  curl -s -m 1 "$EMU/_admin/state" | python3 -c 'import sys,json
s=json.load(sys.stdin)
print(",".join(sorted({r.get("networkInterfaceId") or "-" for t in s["routeTables"] for r in t["routes"]
  if r["destination"]=="10.1.0.20/32"})))'
}
routes_at() { [ "$(vip_targets)" = "$(eni "$1")" ]; }
last_seq() { curl -s "$EMU/_admin/calls?all=true" | python3 -c 'import sys,json; c=json.load(sys.stdin); print(c[-1]["seq"] if c else 0)'; }
# ms from t0 (epoch ns) to the last successful ReplaceRoute by key $3 after call-log seq $2
routes_switched_ms() {
  curl -s "$EMU/_admin/calls?since=$2" | python3 -c 'import sys,json,datetime
t0=int(sys.argv[1]); key=sys.argv[2]
ts=[c["time"] for c in json.load(sys.stdin) if c["action"]=="ReplaceRoute" and c["caller"]==key and c["status"]==200]
def ns(t):
  d=datetime.datetime.fromisoformat(t.replace("Z","+00:00")[:26]+"+00:00" if "." in t else t.replace("Z","+00:00"))
  return int(d.timestamp()*1e9)
print((max(ns(t) for t in ts)-t0)//1000000 if ts else -1)' "$1" "$3"
}

run_series() { # label latency_ms
  local label=$1 lat=$2 routes=() online=()
  curl -s -X DELETE "$EMU/_admin/faults" > /dev/null
  [ "$lat" -gt 0 ] && curl -s -X POST "$EMU/_admin/faults" -d "{\"action\": \"*\", \"latencyMs\": $lat}" > /dev/null
  for i in $(seq 1 "$RUNS"); do
    local active; active=$(owner node1); [ -n "$active" ] || active=$(owner node2)
    local standby; standby=$(other "$active")
    wait_for "routes at $active" 30 routes_at "$active"
    local seq; seq=$(last_seq)
    local t0; t0=$(date +%s%N)
    # reaping the killed node at once keeps bash's "Killed" job notice out of the report
    { kill -9 "${PID[$active]}"; wait "${PID[$active]}"; } 2>/dev/null || true
    wait_for "failover1 online on $standby" 30 owned_by "$standby" "$standby"
    local t1; t1=$(date +%s%N)
    wait_for "routes at $standby" 30 routes_at "$standby"
    routes+=($(routes_switched_ms "$t0" "$seq" "$(key "$standby")"))
    online+=($(( (t1 - t0) / 1000000 )))
    start_node "$active"
    wait_for "both nodes up" 90 both_up
    sleep 1
  done
  summary "$label: kill -9 -> all VIP routes switched" "${routes[@]}"
  summary "$label: kill -9 -> group online (status API)" "${online[@]}"
}

start_node node1; start_node node2
wait_for "both nodes up" 90 both_up
wait_for "failover1 online on node1" 60 owned_by node2 node1
echo "awsvip on the AWS emulator; heartbeat interval 500ms, timeout 3s; $RUNS runs each; machine: $(nproc) cores"
run_series "AWS latency 0 ms" 0
run_series "AWS latency 50 ms" 50
