#!/usr/bin/env bash
# `audit search --object NAME` for a name deep inside a 1M-name import, on a copy of the store
# bench/setup.sh built, fed the same 1M names once more (two imports hold the name, 400 name
# blocks): the lookup timed in-process (bench/inprocess/AuditLookup.java), and the whole command
# beside `audit search --type destination-list` (the same records printed, found without the
# name lookup) and `audit search --user nobody` (nothing found, nothing printed).
# Usage: bench/audit-lookup.sh [RUNS]   (default 10)
source "$(dirname "$0")/common.sh"
RUNS=${1:-10}
ensure_built
[ -d "$PARASOL_HOME" ] || { echo "run bench/setup.sh first" >&2; exit 1; }
corpus=$(ls "$WORK"/corpus-*.txt | head -1)
name=$(sed -n '999000p' "$corpus" | tr 'A-Z' 'a-z')
export PARASOL_HOME_COPY="$WORK/audit-home"
rm -rf "$PARASOL_HOME_COPY"
cp -r "$PARASOL_HOME" "$PARASOL_HOME_COPY"
export PARASOL_HOME="$PARASOL_HOME_COPY"
"$REPO/parasol" import threatq "$corpus" -q
echo "store: $(du -sh "$PARASOL_HOME/parasol.mv.db" | cut -f1); name: $name (line 999,000)"
java -XX:+UseSerialGC -Xlog:disable -cp "$REPO/target/parasol.jar" "$BENCH/inprocess/AuditLookup.java" "$PARASOL_HOME" "$RUNS" "$name"
read -r object_mean object_min < <(time_runs "$RUNS" "$REPO/parasol" audit search --object "$name")
read -r type_mean type_min < <(time_runs "$RUNS" "$REPO/parasol" audit search --type destination-list)
read -r user_mean user_min < <(time_runs "$RUNS" "$REPO/parasol" audit search --user nobody)
echo "runs=$RUNS  (mean / min, ms, whole command)"
printf '%-40s %6s %6s\n' "audit search --object NAME" "$object_mean" "$object_min"
printf '%-40s %6s %6s\n' "audit search --type destination-list" "$type_mean" "$type_min"
printf '%-40s %6s %6s\n' "audit search --user nobody" "$user_mean" "$user_min"
