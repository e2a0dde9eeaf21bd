#!/usr/bin/env bash
# H2's floor for a list stored a row per entry (bench/h2floor/H2Floor.java: no Parasol code, the
# narrowest table, sorted names, one transaction) beside sqlite3 .import of the same corpus, twice
# each. Usage: bench/h2-floor.sh [N]   (default 1000000; needs sqlite3)
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
ensure_built
corpus="$WORK/corpus-$N.txt"
[ -f "$corpus" ] || python3 "$GEN" "$N" > "$corpus"
h2_jar=$(ls "$REPO"/target/lib/h2-*.jar)
mkdir -p "$WORK/h2floor-classes"
javac -d "$WORK/h2floor-classes" "$BENCH/h2floor/H2Floor.java"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in 1 2; do
  rm -f "$WORK/floor.db"
  start=$(date +%s%N)
  sqlite3 "$WORK/floor.db" "CREATE TABLE gravity (domain TEXT PRIMARY KEY);" ".import $corpus gravity"
  end=$(date +%s%N)
  echo "sqlite3 .import of $N: $(( (end - start) / 1000000 )) ms"
  rm -rf "$WORK/h2floor" && mkdir -p "$WORK/h2floor"
  java -XX:+UseSerialGC -Xms128m -cp "$h2_jar:$WORK/h2floor-classes" H2Floor "$WORK/h2floor" "$corpus"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
