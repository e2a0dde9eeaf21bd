#!/usr/bin/env bash
# Activity: `activity import` of a 1M-line BIND query log, then typical searches and a report
# over a store of DAYS x 1M records. The log is generated deterministically from the corpus of
# gen_domains.py: 200k names, of which the first 20k are on the (audit-mode) ThreatQ list,
# 500 clients in 10.0.0.0/16 (network 10.0.0.0/8 registered; 10.0.1.0/24 is a Finance policy
# enforcing ThreatQ), queries spread over one day per log.
# Usage: bench/activity.sh [DAYS] [LINES_PER_DAY]   (default 10 days of 1,000,000)
source "$(dirname "$0")/common.sh"
DAYS=${1:-10}
LINES=${2:-1000000}
ensure_built
names="$WORK/corpus-200000.txt"
[ -f "$names" ] || python3 "$GEN" 200000 > "$names"

gen_log() { # gen_log DAY_INDEX FILE
  python3 - "$names" "$LINES" "$1" > "$2" <<'PY'
import random, sys, datetime
names = [l.strip() for l in open(sys.argv[1])]
lines, day = int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(1000 + day)
start = datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(days=day)
months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
out = sys.stdout.write
for i in range(lines):
    t = start + datetime.timedelta(microseconds=int(i * 86_400_000_000 / lines))
    # Popular names are asked far more often: a power law over the corpus.
    name = names[min(len(names) - 1, int(len(names) * rnd.random() ** 3))]
    if rnd.random() < 0.2:
        name = "www." + name
    client = "10.0.%d.%d" % (rnd.randrange(2), rnd.randrange(1, 251))
    qtype = "AAAA" if rnd.random() < 0.3 else "A"
    out("%02d-%s-%d %02d:%02d:%02d.%03d queries: info: client @0x7f3a1c0a8b60 %s#%d (%s): query: %s IN %s +E(0)K (10.0.0.1)\n" % (
        t.day, months[t.month - 1], t.year, t.hour, t.minute, t.second, t.microsecond // 1000,
        client, 1024 + rnd.randrange(60000), name, name, qtype))
PY
}

export PARASOL_HOME="$WORK/activity-home"
rm -rf "$PARASOL_HOME"
"$REPO/parasol" enable-integration threatq >/dev/null
head -20000 "$names" | "$REPO/parasol" import threatq - -q --disable-safeguards
"$REPO/parasol" identity add network:10.0.0.0/8 >/dev/null
"$REPO/parasol" security-setting set Strict --integration threatq >/dev/null
"$REPO/parasol" policy set Finance --identity network:10.0.1.0/24 --security-setting Strict >/dev/null

for ((d = 0; d < DAYS; d++)); do
  log="$WORK/queries-$LINES-day$d.log"
  [ -f "$log" ] || gen_log "$d" "$log"
  /usr/bin/time -f "activity import day $d ($LINES lines, $(du -m "$log" | cut -f1) MiB): %e s wall, peak RSS %M KB" \
    "$REPO/parasol" activity import "$log" -q
done

echo "store: $(du -m "$PARASOL_HOME" | cut -f1) MiB for $((DAYS * LINES)) records"
# Searches: wall time of the whole process (mean, min of 5 after a warm-up), and the same for a
# command that opens the store and reads one row, so the difference is the search itself.
t=$(time_runs 5 "$REPO/parasol" config get activity-retention); echo "baseline (JVM + open store + one read): mean/min ms $t"
# The last generated day, for the searches limited to one day.
day="2026-11-$(printf %02d "$DAYS")"; next="2026-11-$(printf %02d $((DAYS + 1)))"
# The most asked-for name (and its www.), and one from the long tail, asked for a few times a
# day, so most blocks lack it. (A bare TLD such as "com" is refused: single label, exit 2.)
popular=$(head -1 "$names")
rare=$(sed -n 150000p "$names")
s=( "activity search"
    "activity search --category ThreatQ --from $day --to $next"
    "activity search --verdict blocked --limit 50"
    "activity search --domain $popular --limit 100"
    "activity search --domain $rare"
    "activity search --identity 10.0.0.17"
    "activity search --identity network:10.0.1.0/24 --from $day --to $next"
    "activity search --policy Finance --verdict blocked --limit 20"
    "activity search --category ThreatQ --verdict allowed --identity 10.0.0.0/8 --limit 20" )
for q in "${s[@]}"; do
  # shellcheck disable=SC2086
  t=$(time_runs 5 "$REPO/parasol" $q); echo "$q: mean/min ms $t"
done
for r in "report --from $day --to $next" "report --from 2026-11-01 --to $next"; do
  # shellcheck disable=SC2086
  t=$(time_runs 2 "$REPO/parasol" $r); echo "$r: mean/min ms $t"
done
