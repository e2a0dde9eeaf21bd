#!/usr/bin/env bash
# Builds the 1M-domain corpus and a store with it in the ThreatQ list, enforced by a policy.
# Prints the import time. Usage: bench/setup.sh [N]   (default 1000000)
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
ensure_built
corpus="$WORK/corpus-$N.txt"
[ -f "$corpus" ] || python3 "$GEN" "$N" > "$corpus"
rm -rf "$PARASOL_HOME"
"$REPO/parasol" enable-integration threatq >/dev/null 2>&1
start=$(date +%s%N)
"$REPO/parasol" import threatq "$corpus"
end=$(date +%s%N)
echo "import of $N domains: $(( (end - start) / 1000000 )) ms (wall, including JVM start)"
"$REPO/parasol" security-setting set Strict --integration threatq >/dev/null
"$REPO/parasol" policy set Roaming --identity roaming-computer:laptop-7 --security-setting Strict >/dev/null
du -sh "$PARASOL_HOME"
