#!/usr/bin/env bash
# Cold start: a picocli hello-world JVM vs `parasol --version`, `parasol integrations` and a
# cold `parasol check` (answered from the decision cache, and from the store with the cache off)
# against the store bench/setup.sh built. Usage: bench/cold-check.sh [RUNS]
# (default 20). On a shared machine run it under `nice -n -20` and compare ratios, not times;
# it prints the load average before and after.
source "$(dirname "$0")/common.sh"
RUNS=${1:-20}
ensure_built
[ -d "$PARASOL_HOME" ] || { echo "run bench/setup.sh first" >&2; exit 1; }
picocli_jar=$(ls "$REPO"/target/lib/picocli-[0-9]*.jar)  # not picocli-shell-jline3
mkdir -p "$WORK/hello"
javac -d "$WORK/hello" -cp "$picocli_jar" "$BENCH/hello/HelloPicocli.java"
domain="www.$(sed -n '500000p' "$WORK"/corpus-*.txt | head -1)"
jvm=(java -XX:+UseSerialGC -Xshare:auto ${PARASOL_JAVA_OPTS:-})

# a change (an allow entry for a fresh name), made untimed before each timed "check right after
# a change": what cron sees right after a TIP push or an admin's command.
change_count=0
make_change() {
  change_count=$((change_count + 1))
  "$REPO/parasol" allow "bench-change-$$-$change_count.example.org"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r hello_mean hello_min < <(time_runs "$RUNS" "${jvm[@]}" -cp "$WORK/hello:$picocli_jar" HelloPicocli)
read -r version_mean version_min < <(time_runs "$RUNS" "$REPO/parasol" --version)
# The store answers when the decision cache is off (and the first check after any change).
read -r store_mean store_min < <(PARASOL_DECISION_CACHE=off time_runs "$RUNS" "$REPO/parasol" check "$domain" --identity roaming-computer:laptop-7)
# Build the cache once (as the first check after a change does in the background), then time checks answered from it.
PARASOL_DECISION_CACHE=inline "$REPO/parasol" check "$domain" >/dev/null
read -r check_mean check_min < <(time_runs "$RUNS" "$REPO/parasol" check "$domain" --identity roaming-computer:laptop-7)
read -r integrations_mean integrations_min < <(time_runs "$RUNS" "$REPO/parasol" integrations)
read -r after_mean after_min < <(BEFORE_EACH=make_change time_runs "$RUNS" "$REPO/parasol" check "$domain" --identity roaming-computer:laptop-7)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs=$RUNS  (mean / min, ms)  domain=$domain"
printf '%-34s %6s %6s\n' "picocli hello-world" "$hello_mean" "$hello_min"
printf '%-34s %6s %6s   %.2fx\n' "parasol --version" "$version_mean" "$version_min" "$(echo "$version_mean / $hello_mean" | bc -l)"
printf '%-34s %6s %6s   %.2fx\n' "parasol check (cold, from the cache)" "$check_mean" "$check_min" "$(echo "$check_mean / $hello_mean" | bc -l)"
printf '%-34s %6s %6s   %.2fx\n' "parasol check (cold, from the store)" "$store_mean" "$store_min" "$(echo "$store_mean / $hello_mean" | bc -l)"
printf '%-34s %6s %6s   %.2fx\n' "parasol check (right after a change)" "$after_mean" "$after_min" "$(echo "$after_mean / $hello_mean" | bc -l)"
printf '%-34s %6s %6s   %.2fx\n' "parasol integrations (1M entries)" "$integrations_mean" "$integrations_min" "$(echo "$integrations_mean / $hello_mean" | bc -l)"
"$REPO/parasol" check "$domain" --identity roaming-computer:laptop-7
