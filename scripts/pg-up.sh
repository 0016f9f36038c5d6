#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1 for tests and benchmarks.
# usage: scripts/pg-up.sh [PORT]   prints: DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres  PGTMP=<dir>
# Stop it with pg-down.sh <dir>. Needs the server binaries of Debian's postgresql package
# (PG_BIN overrides where to find them). PostgreSQL refuses to run as root, so as root it runs the
# server as the 'postgres' user (created if missing).
set -euo pipefail
PORT=${1:-54329}
BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
[ -x "$BIN/initdb" ] || { echo "pg-up: no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 1; }
PGTMP=$(mktemp -d /tmp/pgtest.XXXXXX)
as=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$PGTMP"
  as=(runuser -u postgres --)
fi
"${as[@]}" "$BIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --no-sync >"$PGTMP/initdb.log" 2>&1
"${as[@]}" "$BIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGTMP -c max_connections=200" start >/dev/null
echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
echo "PGTMP=$PGTMP"
