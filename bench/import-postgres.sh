#!/usr/bin/env bash
# The same 1M import (first import, then the same feed again) into the embedded H2 store and
# into a PostgreSQL store, back to back. PostgreSQL runs with its default durability settings
# (fsync on), started here by initdb + pg_ctl in $WORK/pg on a loopback port, as the postgres
# user when run as root. Usage: bench/import-postgres.sh [N] [ROUNDS]   (default 1000000 1)
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
ROUNDS=${2:-1}
ensure_built
corpus="$WORK/corpus-$N.txt"
[ -f "$corpus" ] || python3 "$GEN" "$N" > "$corpus"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL missing (apt-get install postgresql)" >&2; exit 1; }
as_pg=(); [ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
pgdir="$WORK/pg"
port=${PG_PORT:-55432}
rm -rf "$pgdir"; mkdir -p "$pgdir"; [ "$(id -u)" = 0 ] && chown postgres "$pgdir"
"${as_pg[@]}" "$bin/initdb" -D "$pgdir/data" -U parasol --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "-p $port -c listen_addresses=127.0.0.1 -k $pgdir" start >/dev/null
trap '"${as_pg[@]}" "$bin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null' EXIT
"$bin/psql" -h 127.0.0.1 -p "$port" -U parasol -d postgres -qc "CREATE DATABASE parasol" >/dev/null
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"

feed="$WORK/feed-pg.txt"
cp "$corpus" "$feed"
for ((r = 1; r <= ROUNDS; r++)); do
  for engine in h2 postgresql; do
    export PARASOL_HOME="$WORK/pg-bench-home-$engine"
    rm -rf "$PARASOL_HOME"
    if [ "$engine" = postgresql ]; then
      export PARASOL_DB="jdbc:postgresql://127.0.0.1:$port/parasol?user=parasol&currentSchema=r$r"
      "$bin/psql" -h 127.0.0.1 -p "$port" -U parasol -d parasol -qc "CREATE SCHEMA r$r" >/dev/null
    else
      unset PARASOL_DB
    fi
    "$REPO/parasol" enable-integration threatq >/dev/null 2>&1
    for run in first re-import; do
      /usr/bin/time -f "$engine import ($run) of $N: %e s wall, peak RSS %M KB" "$REPO/parasol" import threatq "$feed" -q
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
