// traction-micro: the micro-benchmarks (core_benchmarks.cpp, store_benchmarks.cpp,
// json_benchmarks.cpp). Google Benchmark's own flags apply (--benchmark_filter, ...).
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
