// The crash test's child process: opens the store at argv[1] and writes goals in a loop
// from several threads, printing each goal's id to stdout (a pipe) once its write()
// returned, i.e. once the commit is durable. It runs until it is killed.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "traction/sqlite/sqlite_store.hpp"

namespace {

traction::Goal goal(const std::string& id) {
  traction::Goal g;
  g.id = id;
  g.tenant = "crash-tenant";
  g.title = "Goal " + id;
  g.intent = "Survive a SIGKILL";
  g.value_tags = {"durable"};
  g.created_at = traction::Timestamp{std::chrono::milliseconds{1'700'000'000'000}};
  g.updated_at = g.created_at;
  return g;
}

// One line per id; a write of under PIPE_BUF bytes to a pipe is atomic.
bool report(const std::string& id) {
  const std::string line = id + "\n";
  return ::write(STDOUT_FILENO, line.data(), line.size()) == static_cast<ssize_t>(line.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs("usage: sqlite_crash_writer <database path>\n", stderr);
    return 2;
  }
  traction::sqlite::SqliteOptions options;
  options.path = argv[1];
  auto store = traction::sqlite::SqliteStore::open(options);
  if (!store) {
    std::fprintf(stderr, "open failed: %s\n", store.error().message.c_str());
    return 1;
  }
  constexpr int threads = 4;
  std::vector<std::thread> writers;
  for (int t = 0; t < threads; ++t) {
    writers.emplace_back([&store, t] {
      for (long i = 0;; ++i) {
        const auto id = "p" + std::to_string(::getpid()) + "-t" + std::to_string(t) + "-" +
                        std::to_string(i);
        const auto status = (*store)->write([&](traction::ports::Transaction& tx) {
          return tx.goals().insert(goal(id));
        });
        if (!status) {
          std::fprintf(stderr, "write failed: %s\n", status.error().message.c_str());
          std::_Exit(1);
        }
        if (!report(id)) std::_Exit(0);  // the test closed the pipe
      }
    });
  }
  for (auto& w : writers) w.join();
  return 0;
}
