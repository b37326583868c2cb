#!/usr/bin/env bash
# The two-node scenario (issue 15, docs/performance.md "Two nodes behind nginx"):
#
#   bench/cluster.sh [full|quick] [extra harness options...]
#
# S2 (400 meetings of 25: 10,000 sockets, one chat message per meeting every 2 s) twice, on the same
# hardware budget: (1) one Kring node, (2) two Kring nodes behind Debian's nginx (hash $meeting
# consistent, the configuration of docs/operations.md), both on the machine's PostgreSQL
# (127.0.0.1:5432, user postgres, trust) in a throw-away database. Every server process (the nodes and
# nginx) is pinned to SERVER_CPU, the harness to HARNESS_CPU, so the comparison shows what the second node
# and the balancer cost or give on one core, not more hardware. Each Kring is warmed up by an unmeasured
# quick S2 first. Reports go to bench/results/cluster-<mode>-<date>-{one,two}.md, and the CPU seconds of
# each server process over the measured run are printed at the end.
#
# Environment: SERVER_CPU (default 0), HARNESS_CPU (default 1), SKIP_BUILD=1 to reuse the built jars,
#              PG_HOST/PG_PORT/PG_USER (default 127.0.0.1/5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-full}"
shift || true
SERVER_CPU="${SERVER_CPU:-0}"
HARNESS_CPU="${HARNESS_CPU:-1}"
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"
PG_USER="${PG_USER:-postgres}"
DB="kring_cluster_bench_$$"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -f bench/pom.xml package
  mvn -B -q package -Dmaven.test.skip=true
fi

WORK="$(mktemp -d /tmp/kring-cluster-bench.XXXXXX)"
PIDS=()
stop_all() {
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  PIDS=()
}
cleanup() {
  stop_all
  psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qAt -c "drop database if exists $DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
fresh_db() {
  psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qAt -c "drop database if exists $DB" -c "create database $DB" >/dev/null
}
# start_node NAME PORT [NODE_URL]
start_node() {
  local name="$1" port="$2" url="${3:-}"
  env QUARKUS_HTTP_PORT="$port" KRING_DATA_DIR="$WORK/data-$name" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" QUARKUS_DATASOURCE_USERNAME="$PG_USER" \
    KRING_NODE_URL="$url" KRING_TRUSTED_PROXIES=127.0.0.1 \
    KRING_LIMITS_CREATIONS_PER_MINUTE=1000000 KRING_LIMITS_JOINS_PER_MINUTE=1000000 \
    taskset -c "$SERVER_CPU" java -jar target/quarkus-app/quarkus-run.jar >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  eval "PID_$name=$!"
  for _ in $(seq 1 240); do
    code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready" 2>/dev/null || true)"
    if [[ "$code" == 200 ]]; then return 0; fi
    sleep 0.5
  done
  cat "$WORK/$name.log" >&2
  return 1
}
# start_nginx PORT NAME:PORT...
start_nginx() {
  local port="$1"; shift
  local servers="" prefixes=""
  for node in "$@"; do
    servers+="        server 127.0.0.1:${node#*:} max_fails=1 fail_timeout=2s;"$'\n'
    prefixes+="        location /node/${node%%:*}/ { proxy_pass http://127.0.0.1:${node#*:}/; }"$'\n'
  done
  mkdir -p "$WORK/nginx/temp"
  cat >"$WORK/nginx/nginx.conf" <<CONF
# Each socket costs nginx two descriptors (client and node): two workers, each under the usual 20,000 limit.
worker_processes 2;
worker_rlimit_nofile 20000;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 19000; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/temp/body;
    proxy_temp_path $WORK/nginx/temp/proxy;
    fastcgi_temp_path $WORK/nginx/temp/fastcgi;
    uwsgi_temp_path $WORK/nginx/temp/uwsgi;
    scgi_temp_path $WORK/nginx/temp/scgi;
    map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
    upstream kring_meeting {
        hash \$meeting consistent;
$servers    }
    upstream kring_any {
$servers    }
    server {
        listen 127.0.0.1:$port backlog=4096 reuseport;
        proxy_http_version 1.1;
        proxy_set_header Host \$http_host;
        proxy_set_header Upgrade \$http_upgrade;
        proxy_set_header Connection \$connection_upgrade;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_connect_timeout 2s;
        proxy_read_timeout 1h;
        proxy_send_timeout 1h;
        proxy_next_upstream error timeout;
        location ~ ^/(?:api|ws)/meetings/(?<meeting>[^/]+) { proxy_pass http://kring_meeting; }
$prefixes        location / { proxy_pass http://kring_any; }
    }
}
CONF
  taskset -c "$SERVER_CPU" /usr/sbin/nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" \
    >"$WORK/nginx/stdout.log" 2>&1 &
  PIDS+=($!)
  PID_nginx=$!
  sleep 1
}
# cpu_ticks PID...: utime + stime of these processes and their children, in clock ticks
cpu_ticks() {
  local total=0
  for pid in "$@"; do
    for p in "$pid" $(pgrep -P "$pid" || true); do
      [[ -r /proc/$p/stat ]] || continue
      read -r -a f < <(sed 's/^.*) //' "/proc/$p/stat")
      total=$((total + f[11] + f[12]))
    done
  done
  echo "$total"
}
HZ="$(getconf CLK_TCK)"
harness() {
  taskset -c "$HARNESS_CPU" java -cp bench/target/kring-bench.jar kring.bench.Main --baseline none --scenarios 2 "$@"
}
mkdir -p bench/results
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
SUMMARY=""

# --- one node ---------------------------------------------------------------------------------------
fresh_db
P1="$(free_port)"
start_node one "$P1"
echo "one node on :$P1 (pid $PID_one); warming up..." >&2
harness --mode quick --kring "http://127.0.0.1:$P1" --kring-pid "$PID_one" --out "$WORK/warm-one.md" >"$WORK/warm-one.log" 2>&1 || true
before="$(cpu_ticks "$PID_one")"
harness --mode "$MODE" --kring "http://127.0.0.1:$P1" --kring-pid "$PID_one" --out "bench/results/cluster-$MODE-$STAMP-one.md" "$@"
after="$(cpu_ticks "$PID_one")"
SUMMARY+="one node: Kring $(( (after - before) / HZ )) CPU s over the run"$'\n'
stop_all

# --- two nodes behind nginx --------------------------------------------------------------------------
fresh_db
PN="$(free_port)"; PA="$(free_port)"; PB="$(free_port)"
start_node a "$PA" "http://127.0.0.1:$PN/node/a"   # a first: it migrates the empty database
start_node b "$PB" "http://127.0.0.1:$PN/node/b"
start_nginx "$PN" "a:$PA" "b:$PB"
echo "two nodes on :$PA, :$PB behind nginx :$PN; warming up..." >&2
harness --mode quick --kring "http://127.0.0.1:$PN" --kring-pid "$PID_a" --out "$WORK/warm-two.md" >"$WORK/warm-two.log" 2>&1 || true
before_a="$(cpu_ticks "$PID_a")"; before_b="$(cpu_ticks "$PID_b")"; before_n="$(cpu_ticks "$PID_nginx")"
harness --mode "$MODE" --kring "http://127.0.0.1:$PN" --kring-pid "$PID_a" --out "bench/results/cluster-$MODE-$STAMP-two.md" "$@"
after_a="$(cpu_ticks "$PID_a")"; after_b="$(cpu_ticks "$PID_b")"; after_n="$(cpu_ticks "$PID_nginx")"
held="$(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" -qAt -c "select coalesce(string_agg(owner_node || ': ' || n, ', '), '') from (select owner_node, count(*) n from meeting group by 1) t")"
SUMMARY+="two nodes: node a $(( (after_a - before_a) / HZ )) CPU s, node b $(( (after_b - before_b) / HZ )) CPU s, nginx $(( (after_n - before_n) / HZ )) CPU s over the run; meetings taken: $held"$'\n'
stop_all
printf '%s' "$SUMMARY" | tee "bench/results/cluster-$MODE-$STAMP-cpu.txt"
