#!/usr/bin/env bash
# Receiver throughput, optionally under hostile clients: a separate load-generator process
# (bench/load/PostEvents.java) posts batches of events over loopback to `parasol serve`, while
# bench/load/StalledClients.java holds --stalled connections open without finishing a request.
#
# Usage: bench/receiver.sh [REQUESTS] [CLIENTS]                       (the old form; default 500, 4)
#        bench/receiver.sh [--requests N] [--clients N] [--stalled N] [--trickle] [--batch N]
#                          [--jar-dir DIR] [--label TEXT] [--timeout S] [--time-limit S] [--warmup N]
#                          [--gc FLAGS]
#
#   --requests N    batches to post (default 500)
#   --clients N     concurrent legitimate clients (default 4)
#   --batch N       events per batch (default 100)
#   --stalled N     hostile connections, opened before the load starts and held during it (default 0)
#   --trickle       the hostile connections send a byte a second instead of nothing
#   --jar-dir DIR   run `java -jar DIR/parasol.jar` (DIR holds parasol.jar and lib/, like target/)
#                   instead of ./parasol, with the launcher's JVM flags but no CDS archive;
#                   to compare two builds fairly, give both with --jar-dir (e.g. target and a copy)
#   --label TEXT    prefixes the summary line
#   --timeout S     bound on each legitimate request (default 30; 0 = none)
#   --time-limit S  no legitimate request starts after S seconds (default 300); the whole run
#                   is also killed if it outlives that by the timeout plus a minute
#   --gc FLAGS      with --jar-dir: serve's collector and heap flags (default the launcher's
#                   for serve; "-XX:+UseSerialGC -Xms128m" is what every command had before)
#   --warmup N      batches the same clients send first, left out of every figure (default 200:
#                   the first seconds are the JVMs compiling; a sustained rate is measured after)
#
# Prints PostEvents' and StalledClients' own lines, then one summary line: label, clients,
# stalled, events/s (of requests answered 202), p50/p99/max latency, failures by status code
# or error, serve's peak RSS (VmHWM of the java process, read just before it is stopped), and
# the hostile connections still open at the end vs. closed by the server.
source "$(dirname "$0")/common.sh"

REQUESTS=500 CLIENTS=4 BATCH=100 STALLED=0 TRICKLE="" JAR_DIR="" LABEL="" TIMEOUT=30 LIMIT=300 WARMUP=200 GC="-XX:+UseParallelGC -Xms256m -Xmn128m -Xmx448m"
positional=0
usage() { sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
int_arg() { [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "receiver.sh: $1 needs a whole number" >&2; exit 2; }; }
while (($#)); do
  case "$1" in
    --requests) int_arg "$1" "${2:-}"; REQUESTS=$2; shift 2 ;;
    --clients) int_arg "$1" "${2:-}"; CLIENTS=$2; shift 2 ;;
    --batch) int_arg "$1" "${2:-}"; BATCH=$2; shift 2 ;;
    --stalled) int_arg "$1" "${2:-}"; STALLED=$2; shift 2 ;;
    --trickle) TRICKLE=1; shift ;;
    --jar-dir) JAR_DIR=${2:?--jar-dir needs a directory}; shift 2 ;;
    --label) LABEL=${2?--label needs text}; shift 2 ;;
    --timeout) int_arg "$1" "${2:-}"; TIMEOUT=$2; shift 2 ;;
    --time-limit) int_arg "$1" "${2:-}"; LIMIT=$2; shift 2 ;;
    --gc) GC=${2:?--gc needs JVM flags}; shift 2 ;;
    --warmup) int_arg "$1" "${2:-}"; WARMUP=$2; shift 2 ;;
    -h|--help) usage ;;
    [0-9]*)
      int_arg "positional argument" "$1"
      case $positional in 0) REQUESTS=$1 ;; 1) CLIENTS=$1 ;; *) usage ;; esac
      positional=$((positional + 1)); shift ;;
    *) echo "receiver.sh: unknown argument $1" >&2; usage ;;
  esac
done
((REQUESTS > 0 && CLIENTS > 0 && BATCH > 0 && LIMIT > 0)) || { echo "receiver.sh: requests, clients, batch and time limit must be positive" >&2; exit 2; }
((STALLED <= 5000)) || { echo "receiver.sh: --stalled is at most 5000" >&2; exit 2; }

if [ -n "$JAR_DIR" ]; then
  JAR_DIR="$(cd "$JAR_DIR" && pwd)"
  [ -f "$JAR_DIR/parasol.jar" ] || { echo "receiver.sh: no parasol.jar in $JAR_DIR" >&2; exit 2; }
  # the launcher's flags (see ./parasol), without its class-data-sharing archive
  # shellcheck disable=SC2206
  # shellcheck disable=SC2206
  parasol=(java $GC -Xlog:disable ${PARASOL_JAVA_OPTS:-} -jar "$JAR_DIR/parasol.jar")
  program="$JAR_DIR/parasol.jar"
else
  ensure_built
  parasol=("$REPO/parasol")
  program="$REPO/parasol"
fi

# Every stalled connection costs a descriptor in serve and one in StalledClients.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
nofile=$(ulimit -n)
if [ "$nofile" != unlimited ] && ((nofile < STALLED * 2 + 1024)); then
  echo "receiver.sh: warning: ulimit -n is $nofile, low for $STALLED stalled connections" >&2
fi

corpus="$WORK/corpus-1000000.txt"
[ -f "$corpus" ] || python3 "$GEN" 1000000 > "$corpus"
export PARASOL_HOME="$WORK/receiver-home"
rm -rf "$PARASOL_HOME"
url=$("${parasol[@]}" enable-integration threatq 2>/dev/null)
key=${url#*customerKey=}

serve_pid="" stalled_pid=""
cleanup() {
  [ -n "$stalled_pid" ] && kill "$stalled_pid" 2>/dev/null
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null
  wait 2>/dev/null || true
}
trap cleanup EXIT
load_before=$(cat /proc/loadavg)

# --port 0: the kernel picks a free port (other checkouts may be benchmarking on this machine)
: > "$WORK/serve.log"
"${parasol[@]}" serve --port 0 2> "$WORK/serve.log" &
serve_pid=$!
deadline=$((SECONDS + 120))
until grep -q "receiving on" "$WORK/serve.log" 2>/dev/null; do
  kill -0 "$serve_pid" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  ((SECONDS < deadline)) || { echo "receiver.sh: serve did not start in 120 s" >&2; exit 1; }
  sleep 0.2
done
port=$(sed -n 's#.*receiving on http://[^ ]*:\([0-9][0-9]*\)/1\.0/events.*#\1#p' "$WORK/serve.log" | head -1)
[ -n "$port" ] || { echo "receiver.sh: cannot read serve's port from $WORK/serve.log" >&2; exit 1; }

# The java process serving: ./parasol execs java, so it is normally $serve_pid itself.
java_pid=$serve_pid
if [ "$(cat "/proc/$serve_pid/comm" 2>/dev/null)" != java ]; then
  java_pid=$(pgrep -P "$serve_pid" -x java | head -1 || true)
  [ -n "$java_pid" ] || { echo "receiver.sh: cannot find serve's java process" >&2; java_pid=$serve_pid; }
fi

stalled_line="none"
if ((STALLED > 0)); then
  ready="$WORK/stalled.ready"
  rm -f "$ready"
  java "$BENCH/load/StalledClients.java" "$port" "$STALLED" --key "$key" ${TRICKLE:+--trickle} \
    --seconds $((LIMIT + TIMEOUT + 120)) --ready-file "$ready" > "$WORK/stalled.out" 2>&1 &
  stalled_pid=$!
  deadline=$((SECONDS + 120))
  until [ -s "$ready" ]; do
    kill -0 "$stalled_pid" 2>/dev/null || { echo "receiver.sh: StalledClients exited early:" >&2; cat "$WORK/stalled.out" >&2; exit 1; }
    if ((SECONDS >= deadline)); then
      echo "receiver.sh: warning: not all $STALLED stalled connections open after 120 s ($(tail -1 "$WORK/stalled.out")); going on" >&2
      break
    fi
    sleep 0.2
  done
fi

kv="$WORK/postevents.kv"
rm -f "$kv"
pe_rc=0
timeout --kill-after=10 $((LIMIT + TIMEOUT + 60)) \
  java -Dpostevents.kv="$kv" "$BENCH/load/PostEvents.java" "http://127.0.0.1:$port/1.0/events?customerKey=$key" "$corpus" \
  "$CLIENTS" "$BATCH" "$REQUESTS" "$TIMEOUT" 5 "$LIMIT" "$WARMUP" || pe_rc=$?

if [ -n "$stalled_pid" ]; then
  kill -TERM "$stalled_pid" 2>/dev/null || true
  wait "$stalled_pid" 2>/dev/null || true
  stalled_pid=""
  grep -v '^opening:' "$WORK/stalled.out" | grep -v '^open [0-9]' || true
  stalled_line=$(grep '^stalled clients' "$WORK/stalled.out" | tail -1 |
    sed -n 's/.*still open \([0-9]*\), closed by server \([0-9]*\), reconnects \([0-9]*\).*/still open \1, closed by server \2 (reconnects \3)/p')
  [ -n "$stalled_line" ] || stalled_line="no summary from StalledClients (see $WORK/stalled.out)"
fi

hwm_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$java_pid/status" 2>/dev/null || true)
rss_mb=$([ -n "$hwm_kb" ] && echo $((hwm_kb / 1024)) || echo "?")
kill -TERM "$serve_pid" 2>/dev/null || true
for _ in $(seq 50); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.2; done
kill -KILL "$serve_pid" 2>/dev/null || true
wait "$serve_pid" 2>/dev/null || true
serve_pid=""
load_after=$(cat /proc/loadavg)

get() { sed -n "s/^$1=//p" "$kv" 2>/dev/null; }
if [ -s "$kv" ]; then
  result="$(get eps) events/s; p50 $(get p50) ms, p99 $(get p99) ms, max $(get max) ms; failures $(get failures) of $(get sent) sent ($(get outcomes))"
  [ "$(get sent)" = "$(get requested)" ] || result="$result, time limit hit: $(get sent) of $(get requested) sent"
else
  result="PostEvents gave no result (exit $pe_rc; killed by the time limit if 124/137)"
fi
echo "load average before: $load_before; after: $load_after; ulimit -n $nofile; program $program"
printf '%sclients %d, stalled %d%s, batch %d, warm-up %d: %s; serve peak RSS %s MB; hostile: %s\n' \
  "${LABEL:+$LABEL: }" "$CLIENTS" "$STALLED" "${TRICKLE:+ (trickle)}" "$BATCH" "$WARMUP" "$result" "$rss_mb" "$stalled_line"
