#!/usr/bin/env bash
# Smoke test of the packaged application (target/quarkus-app, built by `mvn -B verify`) against the
# machine's own PostgreSQL (127.0.0.1:5432, database test, user postgres, trust authentication):
# start the jar on a free port, wait until ready, create a meeting and join it over the HTTP API.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_HOST=127.0.0.1
PG_PORT=5432
PG_DB=test
PG_USER=postgres
JAR=target/quarkus-app/quarkus-run.jar

[ -f "$JAR" ] || { echo "smoke: $JAR missing: run mvn -B package first" >&2; exit 1; }

pg() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -v ON_ERROR_STOP=1 -qAt "$@"; }

if ! pg -c 'SELECT 1' >/dev/null 2>&1; then
    echo "smoke: starting the machine's PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
    for _ in $(seq 1 30); do pg -c 'SELECT 1' >/dev/null 2>&1 && break; sleep 1; done
fi
pg -c 'SELECT 1' >/dev/null

# Earlier runs may have left tables behind: start Flyway on an empty schema.
pg -c 'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;'

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
LOG="$WORK/server.log"
SERVER_PID=

stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=
}
finish() {
    status=$?
    stop_server
    if [ "$status" -ne 0 ]; then
        echo "smoke: FAILED; server log:" >&2
        tail -n 100 "$LOG" >&2 || true
    fi
    rm -rf "$WORK"
}
trap finish EXIT

QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB" \
QUARKUS_DATASOURCE_USERNAME="$PG_USER" \
QUARKUS_HTTP_PORT="$PORT" \
KRING_DATA_DIR="$WORK/data" \
    java -jar "$JAR" >"$LOG" 2>&1 &
SERVER_PID=$!

ready=
for _ in $(seq 1 120); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "smoke: the server exited during start-up" >&2
        exit 1
    fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready")" = 200 ]; then
        ready=1
        break
    fi
    sleep 0.5
done
[ -n "$ready" ] || { echo "smoke: not ready after 60 s" >&2; exit 1; }
if grep -q "Embedded PostgreSQL started" "$LOG"; then
    echo "smoke: started an embedded PostgreSQL although QUARKUS_DATASOURCE_JDBC_URL is set" >&2
    exit 1
fi

passed=0
failed=0
check() { # name, expected status, actual status, body
    if [ "$3" = "$2" ]; then
        passed=$((passed + 1)); echo "ok   $1"
    else
        failed=$((failed + 1)); echo "FAIL $1: expected HTTP $2, got $3: $4"
    fi
}
post() { # path, json -> "<status> <body>" on stdout
    curl -s -o "$WORK/body" -w '%{http_code}' -H 'Content-Type: application/json' -X POST --data "$2" "$BASE$1" || true
}
json() { # field name; reads JSON on stdin, prints the field or nothing
    python3 -c 'import json,sys
try:
    v = json.load(sys.stdin).get(sys.argv[1])
except Exception:
    v = None
print("" if v is None else v)' "$1"
}

status=$(post /api/meetings '{"title":"CI"}')
check "POST /api/meetings" 201 "$status" "$(cat "$WORK/body")"
MEETING_ID=$(json meetingId <"$WORK/body")
if [ -z "$MEETING_ID" ]; then
    failed=$((failed + 1)); echo "FAIL create meeting: no meetingId in $(cat "$WORK/body")"
else
    status=$(post "/api/meetings/$MEETING_ID/participants" '{"name":"Ann"}')
    check "POST /api/meetings/{id}/participants" 201 "$status" "$(cat "$WORK/body")"
    TOKEN=$(json token <"$WORK/body")
    if [ -n "$TOKEN" ]; then
        passed=$((passed + 1)); echo "ok   join answers a token"
    else
        failed=$((failed + 1)); echo "FAIL join: no token in $(cat "$WORK/body")"
    fi
fi

stop_server
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
