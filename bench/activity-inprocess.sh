#!/usr/bin/env bash
# The searches and reports of bench/activity.sh timed inside one JVM (the service call only,
# see bench/inprocess/ActivityTimes.java), over the store bench/activity.sh built.
# Usage: bench/activity-inprocess.sh [DAYS] [RUNS]   (DAYS as given to activity.sh, default 10;
# RUNS default 5). JAR_DIR=DIR times another build (a directory holding parasol.jar and lib/);
# ACTIVITY_HOME=DIR another store (a copy: a newer Parasol may upgrade it).
source "$(dirname "$0")/common.sh"
DAYS=${1:-10}
RUNS=${2:-5}
if [ -z "${JAR_DIR:-}" ]; then
  ensure_built
  JAR_DIR="$REPO/target"
fi
home="${ACTIVITY_HOME:-$WORK/activity-home}"
names="$WORK/corpus-200000.txt"
day="2026-11-$(printf %02d "$DAYS")"; next="2026-11-$(printf %02d $((DAYS + 1)))"
popular=$(head -1 "$names")
rare=$(sed -n 150000p "$names")
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -XX:+UseSerialGC -Xms128m -Xlog:disable ${PARASOL_JAVA_OPTS:-} -cp "$JAR_DIR/parasol.jar" "$BENCH/inprocess/ActivityTimes.java" \
  "$home" "$RUNS" \
  "" \
  "--category ThreatQ --from $day --to $next" \
  "--verdict blocked --limit 50" \
  "--domain $popular --limit 100" \
  "--domain $rare" \
  "--identity 10.0.0.17" \
  "--identity network:10.0.1.0/24 --from $day --to $next" \
  "--policy Finance --verdict blocked --limit 20" \
  "--category ThreatQ --verdict allowed --identity 10.0.0.0/8 --limit 20" \
  "report $day $next" \
  "report 2026-11-01 $next"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
