#!/usr/bin/env bash
# One HTTP scenario of the suite, measured on its own and optionally profiled:
#
#   bench/profile.sh SCRIPT [IDS]     e.g. bench/profile.sh random_goal.lua
#
# Starts the Release tractiond (built by bench/run.sh) pinned to core 0 on a fresh copy of
# the seeded database, warms it with 3 s of the scenario, then runs `wrk -t1 -c64` for
# BENCH_DURATION seconds (default 8) from core 1 while `perf record --call-graph dwarf`
# samples the server. Prints requests/s, latency and the server's CPU time per request;
# `perf report -i $BENCH_WORK/profile/perf.data` shows where the time went. PERF=0 measures
# without perf; BENCH_RESPONSE_CACHE and BENCH_WORKERS as in run.sh. IDS defaults to the
# seeded goal ids for the scripts that take ids.
set -euo pipefail
cd "$(dirname "$0")/.."
script=${1:?usage: bench/profile.sh SCRIPT [IDS]}
work=$(realpath -m "${BENCH_WORK:-build/bench-run}")
seed=$work/seed
ids=${2:-$seed/goal_ids.txt}
[[ $script == transitions.lua && -z ${2:-} ]] && ids=$seed/draft_leaf_ids.txt
out=$work/profile
bin=build/bench
[[ -x $bin/apps/tractiond/tractiond && -f $seed/bench.db ]] || {
  echo "run bench/run.sh once first (it builds the bench preset and seeds $seed)" >&2; exit 1; }
mkdir -p "$out"
export TRACTION_JWT_SECRET=bench-secret-not-for-production BENCH_LUA_DIR=$PWD/bench/wrk BENCH_IDS=$ids
cp "$seed/bench.db" "$out/run.db"
rm -f "$out/run.db-wal" "$out/run.db-shm"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
taskset -c 0 "$bin/apps/tractiond/tractiond" --db "$out/run.db" --port "$port" --threads 1 \
  --worker-threads "${BENCH_WORKERS:-64}" --jobs off --log-level warn --synchronous full \
  --response-cache "${BENCH_RESPONSE_CACHE:-32m}" \
  >"$out/tractiond.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -fs -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
BENCH_TOKEN=$("$bin/apps/tractiond/tractiond" token --tenant bench --user bench-admin --role admin \
  --name "Bench Admin" | tail -1)
export BENCH_TOKEN
url=http://127.0.0.1:$port
taskset -c 1 wrk -t1 -c64 -d3s -s "bench/wrk/$script" "$url" >/dev/null 2>&1
if [[ ${PERF:-1} == 1 ]]; then
  perf record -F 1000 --call-graph dwarf,16384 -p "$pid" -o "$out/perf.data" 2>/dev/null &
  perf_pid=$!
fi
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(ticks)
taskset -c 1 wrk -t1 -c64 -d"${BENCH_DURATION:-8}s" -s "bench/wrk/$script" "$url" >"$out/wrk.out" 2>&1
after=$(ticks)
if [[ ${PERF:-1} == 1 ]]; then kill -INT "$perf_pid"; wait "$perf_pid" || true; fi
requests=$(sed -n 's/^wrk_requests=//p' "$out/wrk.out")
grep -E '^wrk_(rps|p50_ms|p99_ms|non2xx)=' "$out/wrk.out"
awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
  'BEGIN {printf "server_cpu_us_per_request=%.1f\n", (n > 0 ? t / hz * 1e6 / n : 0)}'
