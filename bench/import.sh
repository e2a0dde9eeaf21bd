#!/usr/bin/env bash
# Bulk import: 1M unique domains into an integration list (first import, re-import of the same
# feed, and of the feed with a tenth of it replaced), beside sqlite3 .import of the same plain
# file into a table with a primary key (how Pi-hole builds gravity). Also the other corpus
# formats as dry runs. Usage: bench/import.sh [N]
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
ensure_built
corpus="$WORK/corpus-$N.txt"
[ -f "$corpus" ] || python3 "$GEN" "$N" > "$corpus"
command -v sqlite3 >/dev/null || { echo "sqlite3 missing (apt-get install sqlite3)" >&2; exit 1; }

rm -f "$WORK/gravity.db"
start=$(date +%s%N)
sqlite3 "$WORK/gravity.db" "CREATE TABLE gravity (domain TEXT PRIMARY KEY);" ".import $corpus gravity"
end=$(date +%s%N)
echo "sqlite3 .import of $N: $(( (end - start) / 1000000 )) ms"

export PARASOL_HOME="$WORK/import-home"
rm -rf "$PARASOL_HOME"
"$REPO/parasol" enable-integration threatq >/dev/null 2>&1
feed="$WORK/feed.txt"   # one feed file, so every run is the same source
cp "$corpus" "$feed"
for run in first re-import; do
  /usr/bin/time -f "parasol import ($run) of $N: %e s wall, peak RSS %M KB" "$REPO/parasol" import threatq "$feed" -q
done
# The same feed a day later: a tenth of its names gone, as many new ones (another seed).
tenth=$((N / 10))
{ tail -n +$((tenth + 1)) "$corpus"; python3 "$GEN" "$tenth" --seed 12345; } > "$feed"
/usr/bin/time -f "parasol import (re-import, a tenth replaced) of $N: %e s wall, peak RSS %M KB" "$REPO/parasol" import threatq "$feed" -q
for format in csv events stix; do
  f="$WORK/corpus-$N.$format"
  [ -f "$f" ] || python3 "$GEN" "$N" --format "$format" > "$f"
  /usr/bin/time -f "parasol import --dry-run ($format) of $N: %e s wall, peak RSS %M KB" "$REPO/parasol" import threatq "$f" -q --dry-run
done
