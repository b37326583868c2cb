#!/usr/bin/env bash
# One command for the whole benchmark (see docs/performance.md):
#
#   bench/run.sh [quick|full|votes] [extra harness options...]
#
# Builds the harness, builds Kring the README way (unless KRING_URL is set), starts it pinned to
# CPU 0 with a throw-away data directory, runs the harness pinned to CPU 1 (the harness itself
# starts the raw Vert.x baseline, also pinned to CPU 0), writes the report to
# bench/results/<mode>-<date>.md and stops and removes everything it started.
# Both modes run every scenario, S6 (the burst: N raise a hand at once; quick N = 1,000, full
# N = 1,000 and 2,000) and S7 (votes at once, Kring only) last; `--scenarios 6` runs the burst alone.
# `votes` is a named scenario: S7 alone, N = 1,000 (a moderator opens a live poll, 1,000 participants vote at
# once), against Kring only; its warm-up is an unmeasured S7 of 300, so no other scenario runs.
#
# Environment: KRING_URL=http://127.0.0.1:PORT  use an already running Kring instead (its pid is
#              found from the listening port; pin it yourself with taskset -c 0)
#              KRING_PORT (default 19080), SERVER_CPU (default 0), HARNESS_CPU (default 1),
#              SKIP_BUILD=1 to reuse target/quarkus-app and bench/target/kring-bench.jar,
#              SKIP_WARMUP=1 to measure the Kring it started without the unmeasured warm-up run first.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-quick}"
shift || true
HARNESS_MODE="$MODE"
SCENARIO_ARGS=()
WARMUP_ARGS=(--scenarios 1,4 --s1-sizes 1000 --warmup 5 --measure 20)
if [[ "$MODE" == votes ]]; then
  HARNESS_MODE=quick
  SCENARIO_ARGS=(--scenarios 7 --s7-sizes 1000 --baseline none)
  WARMUP_ARGS=(--scenarios 7 --s7-sizes 300)
fi
SERVER_CPU="${SERVER_CPU:-0}"
HARNESS_CPU="${HARNESS_CPU:-1}"
PORT="${KRING_PORT:-19080}"

# 10,000 sockets on each side need more than the usual 1024 descriptors.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -f bench/pom.xml package
fi

KRING_PID=""
DATA_DIR=""
cleanup() {
  if [[ -n "$KRING_PID" ]] && kill -0 "$KRING_PID" 2>/dev/null; then
    kill "$KRING_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$KRING_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$KRING_PID" 2>/dev/null || true
  fi
  if [[ -n "$DATA_DIR" ]]; then rm -rf "$DATA_DIR"; fi
}
trap cleanup EXIT INT TERM

if [[ -z "${KRING_URL:-}" ]]; then
  if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    mvn -B -q package -Dmaven.test.skip=true  # the app only (README: -DskipTests; this also skips compiling the tests)
  fi
  DATA_DIR="$(mktemp -d /tmp/kring-bench-data.XXXXXX)"
  # The benchmark joins thousands of participants from one address: lift the per-address limits.
  KRING_DATA_DIR="$DATA_DIR" QUARKUS_HTTP_PORT="$PORT" \
    KRING_LIMITS_CREATIONS_PER_MINUTE=1000000 KRING_LIMITS_JOINS_PER_MINUTE=1000000 \
    taskset -c "$SERVER_CPU" java -jar target/quarkus-app/quarkus-run.jar >"$DATA_DIR/kring.log" 2>&1 &
  KRING_PID=$!
  KRING_URL="http://127.0.0.1:$PORT"
  echo "started Kring (pid $KRING_PID, CPU $SERVER_CPU, data $DATA_DIR), waiting for it..." >&2
  for _ in $(seq 1 240); do
    code="$(curl -s -o /dev/null -w '%{http_code}' "$KRING_URL/q/health/ready" 2>/dev/null || true)"
    if [[ "$code" != 000 && "$code" != 503 ]]; then break; fi  # Quarkus opens its port once started
    if ! kill -0 "$KRING_PID" 2>/dev/null; then cat "$DATA_DIR/kring.log" >&2; exit 1; fi
    sleep 0.5
  done
fi

mkdir -p bench/results
OUT="bench/results/$MODE-$(date -u +%Y%m%dT%H%M%SZ).md"
PIDARG=()
if [[ -n "$KRING_PID" ]]; then PIDARG=(--kring-pid "$KRING_PID"); fi
# A freshly started JVM runs its first minute partly interpreted, and on one core the JIT competes
# with the server: warm Kring up with a short unmeasured run first (a long-running server is warm).
if [[ -n "$KRING_PID" && "${SKIP_WARMUP:-0}" != 1 ]]; then
  echo "warming Kring up (unmeasured)..." >&2
  taskset -c "$HARNESS_CPU" java -jar bench/target/kring-bench.jar --mode quick --kring "$KRING_URL" \
    "${PIDARG[@]}" --baseline none "${WARMUP_ARGS[@]}" \
    --out "$DATA_DIR/warm-up.md" >"$DATA_DIR/warm-up.log" 2>&1 || echo "warm-up run failed (see $DATA_DIR/warm-up.log)" >&2
fi
taskset -c "$HARNESS_CPU" java -jar bench/target/kring-bench.jar \
  --mode "$HARNESS_MODE" --kring "$KRING_URL" "${PIDARG[@]}" --baseline-cpu "$SERVER_CPU" --out "$OUT" \
  "${SCENARIO_ARGS[@]}" "$@"
echo "report written to $OUT" >&2
