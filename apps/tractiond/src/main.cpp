// tractiond: the Traction HTTP server. Everything but argument handling lives in
// traction_app (apps/tractiond/src), so tests run the same application in-process.
#include <cstdio>
#include <string>
#include <vector>

#include "traction/app/app.hpp"

int main(int argc, char** argv) {
  using namespace traction::app;
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
