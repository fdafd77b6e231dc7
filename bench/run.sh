#!/usr/bin/env bash
# The performance suite from one command (see bench/README.md):
#
#   bench/run.sh [--quick] [--no-micro] [--no-soak]
#
# Installs what it needs (scripts/deps.sh --bench), builds the `bench` preset (Release),
# runs the Google Benchmark micro-benchmarks, seeds the load database (cached in the work
# directory), then measures the ceiling and every HTTP scenario with the server pinned to
# core 0 and the load generator to core 1. Prints a Markdown report and writes it to
# $WORK/report.md (WORK defaults to build/bench-run).
#
# Environment: BENCH_DURATION (seconds per measurement, default 10; --quick: 5),
# BENCH_SOAK (soak seconds at half load, default 600; --quick: 60), BENCH_SERVER_CORE (0),
# BENCH_LOAD_CORE (1), BENCH_WORKERS (tractiond --worker-threads, default 64: writes wait on
# the group commit's fsync in a worker, so concurrent writes need workers to be batched),
# BENCH_RESPONSE_CACHE (tractiond --response-cache, default 32m; 0 measures reads without
# it), BENCH_WORK (build/bench-run).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

duration=${BENCH_DURATION:-10}
soak=${BENCH_SOAK:-600}
micro=1
for arg in "$@"; do
  case "$arg" in
    --quick) duration=${BENCH_DURATION:-5}; soak=${BENCH_SOAK:-60} ;;
    --no-micro) micro=0 ;;
    --no-soak) soak=0 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
server_core=${BENCH_SERVER_CORE:-0}
workers=${BENCH_WORKERS:-64}
response_cache=${BENCH_RESPONSE_CACHE:-32m}
load_core=${BENCH_LOAD_CORE:-1}
work=$(realpath -m "${BENCH_WORK:-build/bench-run}")
mkdir -p "$work"

scripts/deps.sh --bench
cmake --preset bench >/dev/null
cmake --build --preset bench

bin=$root/build/bench
tractiond=$bin/apps/tractiond/tractiond
export BENCH_LUA_DIR=$root/bench/wrk
export TRACTION_JWT_SECRET=bench-secret-not-for-production
ulimit -n "$(ulimit -Hn)"
clk_tck=$(getconf CLK_TCK)
report=$work/report.md
: >"$report"
say() { printf '%s\n' "$*" | tee -a "$report"; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() {  # URL: waits until it answers (at most 30 s)
  for _ in $(seq 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; return 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
kv() { sed -n "s/^$1=//p" "$2" | tail -1; }

say "# Traction benchmark run"
say ""
say "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
say "- machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
say "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
say "- command: bench/run.sh $*  (BENCH_DURATION=$duration, BENCH_SOAK=$soak)"
say "- tractiond pinned to core $server_core (--threads 1 --worker-threads $workers --response-cache $response_cache), load generators to core $load_core"
say ""

# --- micro-benchmarks -------------------------------------------------------------------
if [[ $micro == 1 ]]; then
  say "## Micro-benchmarks (Google Benchmark, core $server_core)"
  say ""
  taskset -c "$server_core" "$bin/bench/traction-micro" --benchmark_out="$work/micro.json" \
    --benchmark_out_format=json --benchmark_counters_tabular=true | tee "$work/micro.txt"
  say '```'
  grep -E '^(BM_|Benchmark|-)' "$work/micro.txt" >>"$report"
  say '```'
  say ""
fi

# --- the seeded database ----------------------------------------------------------------
seed_db=$work/seed/bench.db
if [[ ! -f $seed_db ]]; then
  mkdir -p "$work/seed"
  "$bin/bench/traction-seed" --db "$seed_db" --out "$work/seed" | tee "$work/seed/seed.txt"
fi
seed_line=$(cat "$work/seed/seed.txt")

start_server() {  # DB: starts tractiond pinned; sets server_pid, server_url
  local port
  port=$(free_port)
  taskset -c "$server_core" "$tractiond" --db "$1" --port "$port" --threads 1 --worker-threads "$workers" \
    --jobs off --log-level warn --synchronous full --response-cache "$response_cache" \
    >"$work/tractiond.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  server_url=http://127.0.0.1:$port
  wait_http "$server_url/health"
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; }

# Idle RSS: a fresh, empty database.
rm -f "$work/idle.db"*
start_server "$work/idle.db"
sleep 1
idle_rss=$(rss_kb "$server_pid" VmRSS)
stop_server

# The load runs work on a copy, so every run starts from the same seeded state.
cp "$seed_db" "$work/run.db"
rm -f "$work/run.db-wal" "$work/run.db-shm"
start_server "$work/run.db"
export BENCH_TOKEN
BENCH_TOKEN=$("$tractiond" token --tenant bench --user bench-admin --role admin --name "Bench Admin" | tail -1)
goal_ids=$work/seed/goal_ids.txt

ceiling_port=$(free_port)
taskset -c "$server_core" "$bin/bench/traction-ceiling" --port "$ceiling_port" --threads 1 >/dev/null &
ceiling_pid=$!
pids+=("$ceiling_pid")
wait_http "http://127.0.0.1:$ceiling_port/"

# wrk at saturation (64 connections): NAME PID URL SCRIPT [IDS]. Writes $work/NAME.wrk and
# the server's CPU time per 1000 answers to $work/NAME.cpu. With WARM=1 a 3 s run of the
# same script comes first (read scenarios: page cache, response cache, allocator).
saturate() {
  local name=$1 pid=$2 url=$3 script=$4 ids=${5:-}
  local before after
  if [[ ${WARM:-0} == 1 ]]; then
    BENCH_IDS=$ids taskset -c "$load_core" wrk -t1 -c64 -d3s -s "$BENCH_LUA_DIR/$script" "$url" >/dev/null 2>&1
  fi
  before=$(cpu_ticks "$pid")
  BENCH_IDS=$ids taskset -c "$load_core" wrk -t1 -c64 -d"${duration}s" -s "$BENCH_LUA_DIR/$script" "$url" \
    >"$work/$name.wrk" 2>&1
  after=$(cpu_ticks "$pid")
  local requests
  requests=$(kv wrk_requests "$work/$name.wrk")
  awk -v t=$((after - before)) -v hz="$clk_tck" -v n="$requests" \
    'BEGIN {printf "%.1f\n", (n > 0 ? t / hz * 1000 / n * 1000 : 0)}' >"$work/$name.cpu"
}

# h2load at a fixed rate (80% of the saturated rate): NAME RPS CLIENTS h2load-args...
# Writes p50/p99/p99.9 (ms) and the non-2xx count to $work/NAME.fixed.
fixed_rate() {
  local name=$1 rps=$2 clients=$3
  shift 3
  local per_client
  per_client=$(awk -v r="$rps" -v c="$clients" 'BEGIN {v = int(r / c); print v < 1 ? 1 : v}')
  rm -f "$work/$name.h2log"
  taskset -c "$load_core" h2load --h1 -t1 -c "$clients" -D "$duration" --rps "$per_client" \
    --log-file="$work/$name.h2log" "$@" >"$work/$name.h2load" 2>&1 || true
  cut -f3 "$work/$name.h2log" | sort -n | awk -v rate="$((per_client * clients))" '
    function at(q,   i) { i = int(NR * q); if (i < 1) i = 1; return v[i] / 1000 }
    {v[NR] = $1}
    END {
      printf "rate=%d\nsent=%d\n", rate, NR
      if (NR == 0) {print "p50_ms=nan\np99_ms=nan\np999_ms=nan"; exit}
      printf "p50_ms=%.3f\np99_ms=%.3f\np999_ms=%.3f\n", at(0.50), at(0.99), at(0.999)
    }' >"$work/$name.fixed"
  awk -F'\t' '$2 < 200 || $2 >= 300 {n++} END {print "non2xx=" n + 0}' "$work/$name.h2log" >>"$work/$name.fixed"
}
eighty() { awk -v r="$(kv wrk_rps "$work/$1.wrk")" 'BEGIN {print int(r * 0.8)}'; }

auth=(-H "Authorization: Bearer $BENCH_TOKEN")
json=(-H "Content-Type: application/json")

# The ceiling.
WARM=1 saturate ceiling "$ceiling_pid" "http://127.0.0.1:$ceiling_port/" ceiling.lua
fixed_rate ceiling "$(eighty ceiling)" 16 "http://127.0.0.1:$ceiling_port/"

# GET /goals/{id} over random ids.
WARM=1 saturate get_goal "$server_pid" "$server_url" random_goal.lua "$goal_ids"
shuf --random-source=<(yes) "$goal_ids" | sed "s|^|$server_url/goals/|" >"$work/get_goal.uris"
fixed_rate get_goal "$(eighty get_goal)" 16 "${auth[@]}" -i "$work/get_goal.uris"

# GET /goals?size=50.
WARM=1 saturate list_goals "$server_pid" "$server_url" list_goals.lua
list_bytes=$(curl -s "${auth[@]}" "$server_url/goals?size=50" | wc -c)
fixed_rate list_goals "$(eighty list_goals)" 16 "${auth[@]}" "$server_url/goals?size=50"

# The ceiling again, after the read scenarios: this VM's speed drifts by tens of percent
# within minutes, so the ceiling is measured on both sides of them and every fraction uses
# the higher of the two (the stricter test).
WARM=1 saturate ceiling_again "$ceiling_pid" "http://127.0.0.1:$ceiling_port/" ceiling.lua
ceiling_rps=$(awk -v a="$(kv wrk_rps "$work/ceiling.wrk")" -v b="$(kv wrk_rps "$work/ceiling_again.wrk")" \
  'BEGIN {print (a > b ? a : b)}')
kill "$ceiling_pid"

# POST /goals (durable: synchronous=FULL, answered after commit).
saturate create_goal "$server_pid" "$server_url" create_goal.lua
printf '{"title":"Fixed-rate goal","horizon":"quarter","level":"team"}' >"$work/create_goal.json"
fixed_rate create_goal "$(eighty create_goal)" 64 "${auth[@]}" "${json[@]}" -d "$work/create_goal.json" \
  "$server_url/goals"

# :activate + :pause pairs on the draft leaves.
saturate transitions "$server_pid" "$server_url" transitions.lua "$work/seed/draft_leaf_ids.txt"

# 90/10 read/write mix.
saturate mix "$server_pid" "$server_url" mix.lua "$goal_ids"

# SSE fan-out: 1k and 5k subscribers, 100 events/s.
sse_goal=$(head -1 "$goal_ids")
for n in 1000 5000; do
  taskset -c "$load_core" "$bin/bench/traction-sse-fanout" --port "${server_url##*:}" --goal "$sse_goal" \
    --token "$BENCH_TOKEN" --subscribers "$n" --rate 100 --duration "$duration" >"$work/sse_$n.txt" 2>&1 || true
done

# Soak at half load: half the saturated GET rate plus a tenth of that in POST /goals.
if [[ $soak -gt 0 ]]; then
  half=$(awk -v r="$(kv wrk_rps "$work/get_goal.wrk")" 'BEGIN {v = int(r / 2 / 16); print v < 1 ? 1 : v}')
  writes=$(awk -v h="$half" 'BEGIN {v = int(h * 16 / 10 / 8); print v < 1 ? 1 : v}')
  rss_start=$(rss_kb "$server_pid" VmRSS)
  taskset -c "$load_core" h2load --h1 -t1 -c 16 -D "$soak" --rps "$half" "${auth[@]}" -i "$work/get_goal.uris" \
    >"$work/soak_reads.h2load" 2>&1 &
  reads_pid=$!
  taskset -c "$load_core" h2load --h1 -t1 -c 8 -D "$soak" --rps "$writes" "${auth[@]}" "${json[@]}" \
    -d "$work/create_goal.json" "$server_url/goals" >"$work/soak_writes.h2load" 2>&1 &
  writes_pid=$!
  : >"$work/soak_rss.txt"
  for _ in $(seq $((soak / 10))); do
    sleep 10
    rss_kb "$server_pid" VmRSS >>"$work/soak_rss.txt"
  done
  wait "$reads_pid" "$writes_pid" || true
  # Growth: the last minute's RSS against the second minute's (the first warms the caches).
  soak_growth=$(awk '{v[NR] = $1} END {
      if (NR < 4) {print "n/a"; exit}
      a = int(NR / 5); if (a < 1) a = 1
      printf "%d kB -> %d kB (%+.1f%%)", v[a], v[NR], (v[NR] - v[a]) * 100 / v[a]}' "$work/soak_rss.txt")
  soak_non2xx=$(grep -ho '[0-9]* succeeded' "$work"/soak_*.h2load | awk '{s += $1} END {print s + 0}')
  soak_sent=$(grep -ho 'requests: [0-9]* total' "$work"/soak_*.h2load | awk '{s += $2} END {print s + 0}')
fi
peak_rss=$(rss_kb "$server_pid" VmHWM)
stop_server

# --- the report -------------------------------------------------------------------------
fraction() { awk -v r="$(kv wrk_rps "$work/$1.wrk")" -v c="$ceiling_rps" 'BEGIN {printf "%.3f", (c > 0 ? r / c : 0)}'; }
row() {  # NAME LABEL
  local name=$1 label=$2 fixed="$work/$1.fixed"
  local rate="-" p50 p99 p999 non2xx
  p50=$(kv wrk_p50_ms "$work/$name.wrk") p99=$(kv wrk_p99_ms "$work/$name.wrk") p999=$(kv wrk_p999_ms "$work/$name.wrk")
  non2xx=$(kv wrk_non2xx "$work/$name.wrk")
  local fixed_cols="- | - | - | -"
  if [[ -f $fixed ]]; then
    fixed_cols="$(kv rate "$fixed") | $(kv p50_ms "$fixed") | $(kv p99_ms "$fixed") | $(kv p999_ms "$fixed")"
    non2xx=$((non2xx + $(kv non2xx "$fixed")))
  fi
  say "| $label | $(kv wrk_rps "$work/$name.wrk") | $(fraction "$name") | $p50 / $p99 / $p999 | $fixed_cols | $(cat "$work/$name.cpu") | $non2xx |"
}

say "## HTTP (Release tractiond, synchronous=FULL, $duration s per measurement)"
say ""
say "Seeded: $seed_line"
say ""
say "Fractions of the ceiling use the higher of its two measurements: $ceiling_rps req/s."
say ""
say "| scenario | req/s (64 conns) | of ceiling | p50 / p99 / p99.9 ms at saturation | fixed rate (80%) | p50 ms | p99 ms | p99.9 ms | server CPU ms / 1k req | non-2xx |"
say "|---|---|---|---|---|---|---|---|---|---|"
row ceiling "ceiling (traction-ceiling, 60-byte JSON), before the reads"
row ceiling_again "ceiling again, after the reads"
row get_goal "GET /goals/{id}, random ids"
row list_goals "GET /goals?size=50 ($list_bytes bytes)"
row create_goal "POST /goals (durable)"
row transitions "POST :activate + :pause (requests, 2 per pair)"
row mix "90/10 GET /goals/{id} / POST /goals"
say ""
say "## SSE fan-out (100 events/s, $duration s)"
say ""
say "| subscribers | connected | events posted | events/s sent | deliveries expected | delivered | p50 ms | p99 ms | p99.9 ms | max ms |"
say "|---|---|---|---|---|---|---|---|---|---|"
for n in 1000 5000; do
  f=$work/sse_$n.txt
  say "| $n | $(kv subscribers "$f") | $(kv posted "$f") | $(kv events_per_s "$f") | $(kv expected "$f") | $(kv delivered "$f") | $(kv p50_ms "$f") | $(kv p99_ms "$f") | $(kv p999_ms "$f") | $(kv max_ms "$f") |"
done
say ""
say "## Memory"
say ""
say "- idle RSS (empty database): $((idle_rss / 1024)) MB"
say "- peak RSS with the seeded database, over the whole run (VmHWM): $((peak_rss / 1024)) MB"
if [[ $soak -gt 0 ]]; then
  say "- soak ($soak s at half the GET rate plus POST /goals): RSS $soak_growth; $soak_non2xx of $soak_sent requests succeeded"
fi
echo
echo "report: $report (raw outputs beside it)"
