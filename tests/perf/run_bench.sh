#!/usr/bin/env bash
# `make bench`: start a throwaway PostgreSQL (as .ci/run does), then run tests/perf/bench.py on
# SQLite and PostgreSQL. Arguments are passed to bench.py (e.g. --scales 0.05 for a quick run).
# Without root, runuser or the PostgreSQL binaries, or with CASEWORK_BENCH_POSTGRES_URL already
# set, no server is started (SQLite only, or the server that variable names).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-.venv/bin/python}

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "${CASEWORK_BENCH_POSTGRES_URL:-}" ] && [ "$(id -u)" = 0 ] && command -v runuser >/dev/null && [ -n "$PGBIN" ]; then
  PATH="$PGBIN:$PATH"
  PGPORT=${CASEWORK_BENCH_PGPORT:-54340}
  PGDATA=$(mktemp -d /tmp/casework-bench-pg.XXXXXX)
  chown postgres:postgres "$PGDATA"
  trap 'runuser -u postgres -- pg_ctl -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PGDATA"' EXIT
  runuser -u postgres -- initdb -D "$PGDATA" -A trust -U postgres >/dev/null
  # Durable settings are off because the cluster is thrown away; the figures are for the
  # application's queries, not for disk flushes.
  runuser -u postgres -- pg_ctl -D "$PGDATA" -l "$PGDATA/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c full_page_writes=off -c shared_buffers=256MB" \
    start >/dev/null
  runuser -u postgres -- createdb -h 127.0.0.1 -p "$PGPORT" -U postgres casework
  export CASEWORK_BENCH_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/casework"
elif [ -z "${CASEWORK_BENCH_POSTGRES_URL:-}" ]; then
  echo "No PostgreSQL server could be started here (needs root and /usr/lib/postgresql); SQLite only." >&2
fi

"$PYTHON" tests/perf/bench.py "$@"
