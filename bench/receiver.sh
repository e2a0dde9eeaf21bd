#!/usr/bin/env bash
# Receiver throughput: a separate load-generator process posts batches of 100 events over
# loopback to `parasol serve`. Usage: bench/receiver.sh [REQUESTS] [THREADS]  (default 500, 4)
source "$(dirname "$0")/common.sh"
REQUESTS=${1:-500}
THREADS=${2:-4}
ensure_built
corpus="$WORK/corpus-1000000.txt"
[ -f "$corpus" ] || python3 "$GEN" 1000000 > "$corpus"
export PARASOL_HOME="$WORK/receiver-home"
rm -rf "$PARASOL_HOME"
url=$("$REPO/parasol" enable-integration threatq 2>/dev/null)
port=18614
"$REPO/parasol" serve --port $port 2> "$WORK/serve.log" &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null; wait $serve_pid 2>/dev/null || true' EXIT
until grep -q "receiving on" "$WORK/serve.log" 2>/dev/null; do
  kill -0 $serve_pid 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.2
done
java "$BENCH/load/PostEvents.java" "http://127.0.0.1:$port/1.0/events?${url#*\?}" "$corpus" "$THREADS" 100 "$REQUESTS"
