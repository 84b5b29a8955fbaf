#!/usr/bin/env bash
# Runs the PostgreSQL tests (test/pg) against a throwaway cluster: installs
# Debian's postgresql when missing, starts a cluster in a temporary folder on a
# free loopback port (as the `postgres` user when run as root), runs the tests
# with FACT_CHECK_TEST_DATABASE_URL set, and always stops and removes the cluster.
#
#   bash tools/pg-test.sh                  the tests
#   bash tools/pg-test.sh -- CMD ARGS...   any command instead, with the URL set
set -euo pipefail
cd "$(dirname "$0")/.."

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

PGBIN="$(find_bin || true)"
if [ -z "$PGBIN" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "pg-test: installing PostgreSQL (apt-get install postgresql)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >/dev/null
    PGBIN="$(find_bin)"
  else
    echo "pg-test: PostgreSQL (initdb, pg_ctl) not found; install the postgresql package" >&2
    exit 2
  fi
fi

# initdb refuses to run as root: the cluster belongs to `postgres` (or the current user).
RUNAS=()
OWNER="$(id -un)"
if [ "$(id -u)" = 0 ]; then
  if ! id postgres >/dev/null 2>&1; then useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres; fi
  OWNER=postgres
  RUNAS=(runuser -u postgres --)
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/fact-check-pg.XXXXXX")"
chmod 755 "$TMP"
DATA="$TMP/data"
SOCK="$TMP/sock"
mkdir -p "$DATA" "$SOCK"
chown -R "$OWNER" "$TMP"

PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

cleanup() {
  local code=$?
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
  exit $code
}
trap cleanup EXIT INT TERM

"${RUNAS[@]}" "$PGBIN/initdb" -D "$DATA" -U postgres -A trust --no-sync -E UTF8 --locale=C >"$TMP/initdb.log" 2>&1 || { cat "$TMP/initdb.log" >&2; exit 2; }
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$TMP/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCK -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
  || { cat "$TMP/server.log" >&2; exit 2; }

export FACT_CHECK_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
export FACT_CHECK_PG_BIN="$PGBIN"
echo "pg-test: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (data in $DATA)" >&2

if [ "${1:-}" = "--" ]; then
  shift
  "$@"
else
  FACT_CHECK_CACHE="${FACT_CHECK_CACHE:-off}" npx mocha --no-config --import=tsx --timeout 60000 'test/pg/**/*.test.ts'
fi
