# Shared by the bench scripts: paths, the corpus, and a timer that needs nothing installed.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH/.." && pwd)"
WORK="${BENCH_WORK:-$BENCH/work}"
GEN="${GEN_DOMAINS:-$REPO/../shared/bench/gen_domains.py}"
export PARASOL_HOME="$WORK/home"
mkdir -p "$WORK"

ensure_built() {
  "$REPO/parasol" --version >/dev/null
}

# time_runs N CMD...: runs CMD N times (after one warm-up run) and prints "mean_ms min_ms".
# With BEFORE_EACH set (a command or function), runs it untimed before every timed run.
time_runs() {
  local n=$1; shift
  "$@" >/dev/null 2>&1 || true
  local total=0 min=999999999 start end ms
  for ((i = 0; i < n; i++)); do
    [ -z "${BEFORE_EACH:-}" ] || $BEFORE_EACH >/dev/null 2>&1
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    total=$((total + ms))
    (( ms < min )) && min=$ms
  done
  echo "$((total / n)) $min"
}
