// tractiond: the Traction HTTP server. Everything but argument handling lives in
// traction_app (apps/tractiond/src), so tests run the same application in-process.
#include <cstdio>
#include <string>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "traction/app/app.hpp"

namespace {

// glibc gives memory freed at the top of a heap back to the system past 128 KiB, and takes
// it again at the next burst of allocations, each page faulting anew: an SSE event fans out
// to thousands of connections whose write operations are all allocated, then all freed.
// Up to 32 MiB of freed heap now stays with the process: a fresh server's RSS is unchanged;
// after a peak, what stays resident is bounded by the threshold.
void tune_malloc() {
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 32 << 20);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  using namespace traction::app;
  tune_malloc();
  const std::vector<std::string> args(argv + 1, argv + argc);
  const auto env = process_environment();

  if (!args.empty() && args.front() == "token") {
    return run_token_command(std::span{args}.subspan(1), env);
  }
  if (!args.empty() && args.front() == "jobs") {
    return run_jobs_command(std::span{args}.subspan(1), env);
  }

  auto config = parse_config(args, env);
  if (!config) {
    std::fprintf(stderr, "tractiond: %s\n", config.error().message.c_str());
    return 2;
  }
  if (config->show_help) {
    std::fputs(help_text().c_str(), stdout);
    return 0;
  }

  auto app = make_app(*config);
  if (!app) {
    std::fprintf(stderr, "tractiond: %s\n", app.error().message.c_str());
    return 1;
  }
  return (*app)->run();
}
