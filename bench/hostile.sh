#!/usr/bin/env bash
# Memory under hostile input: the packaged program imports files built to hurt a parser, each
# bigger than HostileInputTest's corpus, and /usr/bin/time reports its peak RSS and exit code.
# Usage: bench/hostile.sh   (needs python3; about 400 MB of scratch in $WORK/hostile)
source "$(dirname "$0")/common.sh"
ensure_built
dir="$WORK/hostile"
mkdir -p "$dir"
python3 - "$dir" <<'PY'
import os, random, sys
d = sys.argv[1]
rnd = random.Random(8)
def write(name, data):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)
write("binary.bin", rnd.randbytes(64 << 20))                                       # 64 MiB of random bytes
write("long-lines.txt", b"".join(b"x" * (1 << 20) + b"\n" for _ in range(100)) + b"good.bad.xyz\n")  # 100 lines of 1 MiB
write("nested.json", b"[" * 1_000_000 + b"]" * 1_000_000)                         # arrays 1M deep
write("nested-objects.json", b'{"a":' * 500_000 + b"1" + b"}" * 500_000)          # objects 500k deep
write("bad-lines.txt", b"".join(b"not a domain !!! %d\n" % i for i in range(1_000_000)) + b"good.bad.xyz\n")
write("invalid-utf8.txt", b"".join(b"\xc3\x28\xff\xfe bad-%d.xyz\xed\xa0\x80\n" % i for i in range(1_000_000)))
write("wide.csv", b",".join(b"c%d" % i for i in range(1_000_000)) + b",Value\n" + b",".join(b"x" for _ in range(1_000_000)) + b",good.bad.xyz\n")
write("huge-number.json", b'[{"dstDomain":"good.bad.xyz","n":' + b"9" * 5_000_000 + b"}]")
write("huge-string.json", b'[{"dstDomain":"' + b"a" * (50 << 20) + b'"}]')
PY
export PARASOL_HOME="$WORK/hostile-home"
rm -rf "$PARASOL_HOME"
"$REPO/parasol" enable-integration threatq >/dev/null 2>&1
printf '%-22s %10s %6s %10s  %s\n' file size exit "peak RSS" "first line of stderr"
for f in "$dir"/*; do
  err=$( { /usr/bin/time -f '%M' "$REPO/parasol" import threatq "$f" 2>&1 >/dev/null; echo "exit=$?"; } )
  code=${err##*exit=}
  rss=$(printf '%s\n' "$err" | grep -E '^[0-9]+$' | tail -1 || true)
  first=$(printf '%s\n' "$err" | grep -vE "^[0-9]+$|^exit=|^Command exited" | sed -n 1p | cut -c1-90 || true)
  printf '%-22s %9sM %6s %8s MB  %s\n' "$(basename "$f")" "$(( $(stat -c %s "$f") >> 20 ))" "$code" "$((rss / 1024))" "$first"
done
