#!/usr/bin/env bash
# Batch decisions: 1M queries against the 1M-entry list from bench/setup.sh. Half the queries
# are listed names or subdomains of them, half are names from a different seed (misses).
# Usage: bench/batch-check.sh [N]   (default 1000000)
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
ensure_built
[ -d "$PARASOL_HOME" ] || { echo "run bench/setup.sh first" >&2; exit 1; }
queries="$WORK/queries-$N.txt"
if [ ! -f "$queries" ]; then
  half=$((N / 2))
  { head -n "$half" "$WORK"/corpus-1000000.txt | awk 'NR % 2 == 0 { print "q." $0; next } { print }'
    python3 "$GEN" "$half" --seed 12345; } > "$queries"
fi
for format in summary table json; do
  start=$(date +%s%N)
  if [ $format = summary ]; then
    "$REPO/parasol" check --file "$queries" --identity roaming-computer:laptop-7 --summary-only 2> "$WORK/batch.err"
  else
    "$REPO/parasol" check --file "$queries" --identity roaming-computer:laptop-7 -o $format > /dev/null 2> "$WORK/batch.err"
  fi
  end=$(date +%s%N)
  echo "$format: $(tail -1 "$WORK/batch.err"); wall $(( (end - start) / 1000000 )) ms"
done
