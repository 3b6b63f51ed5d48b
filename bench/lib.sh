# Helpers shared by the failover benchmarks; sourced, not run. The sourcing script sets
# JAR, WORK, SECRET, A1 and A2 (node1's and node2's addresses) and `declare -A PID` first,
# and may define node_env to print extra NAME=value words for a node's environment.

# builds the fat jar when it is missing
ensure_jar() { [ -f "$JAR" ] || mvn -B -ntp -q -DskipTests package; }

# the management API token the nodes derive from the cluster secret
management_token() { printf 'zoneha-management-v1' | openssl dgst -sha256 -hmac "$SECRET" | awk '{print $NF}'; }

# the cluster.yaml lines both benchmarks share: two nodes, the default heartbeat settings
cluster_head() { # cluster-name
  cat <<YAML
cluster:
  name: $1
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
YAML
}

addr() { [ "$1" = node1 ] && echo "$A1" || echo "$A2"; }
other() { [ "$1" = node1 ] && echo node2 || echo node1; }
node_env() { :; }

start_node() {
  # shellcheck disable=SC2046 # node_env prints NAME=value words on purpose
  env $(node_env "$1") java -Xmx256m -jar "$JAR" node --config "$WORK/cluster.yaml" --server "$1" \
    --state-dir "$WORK/$1" > "$WORK/$1.out" 2>&1 &
  PID[$1]=$!
}

# kills every process in PID (thawing stopped ones first) and removes WORK; for `trap ... EXIT`
cleanup() {
  for p in "${PID[@]:-}"; do [ -n "$p" ] && kill -CONT "$p" 2>/dev/null; kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}

status_of() { # node
  curl -s -m 1 -H "Authorization: Bearer $TOKEN" "http://$(addr "$1"):29001/api/v1/status" 2>/dev/null
}

# prints the server where failover1 is online as seen by node $1, or nothing
owner() {
  status_of "$1" | python3 -c 'import sys,json
try:
  s=json.load(sys.stdin); g=[g for g in s["groups"] if g["name"]=="failover1"][0]
  print(g["server"] if g["state"]=="online" else "")
except Exception: pass'
}

# true when node $1 sees every server online
all_online() {
  status_of "$1" | python3 -c 'import sys,json
try:
  s=json.load(sys.stdin); sys.exit(0 if all(x["state"]=="online" for x in s["servers"]) else 1)
except Exception: sys.exit(1)'
}

owned_by() { [ "$(owner "$1")" = "$2" ]; } # viewer expected
both_up() { all_online node1 && all_online node2; }

wait_for() { # what timeout_s command...
  local what=$1 end=$(( $(date +%s) + $2 )); shift 2
  while [ "$(date +%s)" -lt "$end" ]; do "$@" && return 0; sleep 0.02; done
  echo "timeout waiting for $what" >&2; tail -20 "$WORK"/node*.out >&2; return 1
}

# one line: what, run count, median, max, min and every value in ms, ascending
summary() { # what values...
  local what=$1; shift
  printf '%s\n' "$@" | sort -n | awk -v what="$what" '{a[NR]=$1} END {
    med = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2;
    printf "%s: runs=%d median=%d ms max=%d ms min=%d ms all=", what, NR, med, a[NR], a[1];
    for (i = 1; i <= NR; i++) printf "%s%d", (i>1?",":""), a[i]; printf "\n" }'
}
