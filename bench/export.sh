#!/usr/bin/env bash
# Export of a 1M-entry list: parasol export rpz (first write, then an unchanged --if-changed
# run), the hosts list, and how long BIND's named-checkzone takes to accept the zone.
# Usage: bench/export.sh [N]   (default 1000000; needs bind9-utils for named-checkzone)
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
ensure_built
command -v named-checkzone >/dev/null || { echo "named-checkzone missing (apt-get install bind9-utils)" >&2; exit 1; }
corpus="$WORK/corpus-$N.txt"
[ -f "$corpus" ] || python3 "$GEN" "$N" > "$corpus"

export PARASOL_HOME="$WORK/export-home"
if [ ! -f "$PARASOL_HOME/.imported-$N" ]; then
  rm -rf "$PARASOL_HOME"
  "$REPO/parasol" enable-integration threatq >/dev/null 2>&1
  /usr/bin/time -f "setup: parasol import of $N: %e s wall" "$REPO/parasol" import threatq "$corpus" -q
  "$REPO/parasol" security-setting set Strict --integration threatq >/dev/null
  "$REPO/parasol" policy set "Default Policy" --security-setting Strict >/dev/null
  touch "$PARASOL_HOME/.imported-$N"
fi

out="$WORK/rpz"
rm -rf "$out"
zone=enforce.default-policy.rpz.parasol
/usr/bin/time -f "parasol export rpz (first, $N entries): %e s wall, peak RSS %M KB" \
  "$REPO/parasol" export rpz --out "$out"
/usr/bin/time -f "parasol export rpz --if-changed (unchanged): %e s wall, peak RSS %M KB" \
  "$REPO/parasol" export rpz --out "$out" --if-changed
/usr/bin/time -f "parasol export hosts ($N entries): %e s wall, peak RSS %M KB" \
  "$REPO/parasol" export hosts --out "$WORK/blocklist.hosts"
ls -l "$out/$zone.rpz" | awk '{printf "zone file: %.1f MB\n", $5 / 1048576}'
if /usr/bin/time -f "named-checkzone of the $N-entry zone: %e s wall, peak RSS %M KB" \
  named-checkzone -q "$zone" "$out/$zone.rpz"; then
  echo "named-checkzone accepted the zone"
else
  echo "named-checkzone REJECTED the zone" >&2
  exit 1
fi
