// Crash safety: a child process writes goals in a loop (synchronous=FULL, group commit
// from four threads) and reports each id once write() returned; it is killed with SIGKILL
// mid-stream. On reopen the database passes PRAGMA integrity_check and holds every goal
// the child reported committed. Two rounds on the same file: the second starts from the
// first one's crash.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <set>
#include <string>
#include <vector>

#include "sqlite_test_support.hpp"
#include "traction/ports/store.hpp"

extern char** environ;

namespace traction::sqlite::test {
namespace {

// Starts the crash writer on `path`, reads at least `wanted` reported ids from its stdout,
// then kills it with SIGKILL. Returns the ids read (complete lines only).
std::vector<std::string> run_and_kill_writer(const std::string& path, std::size_t wanted) {
  int fds[2];
  REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
  posix_spawn_file_actions_t actions;
  REQUIRE(::posix_spawn_file_actions_init(&actions) == 0);
  REQUIRE(::posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO) == 0);

  std::string program = TRACTION_SQLITE_CRASH_WRITER;
  std::string database = path;
  char* argv[] = {program.data(), database.data(), nullptr};
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv, environ);
  ::posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  REQUIRE(spawned == 0);

  std::vector<std::string> ids;
  std::string pending;
  char buffer[4096];
  while (ids.size() < wanted) {
    const auto n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the child died before reporting enough
    pending.append(buffer, static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (auto end = pending.find('\n'); end != std::string::npos;
         end = pending.find('\n', start)) {
      ids.push_back(pending.substr(start, end - start));
      start = end + 1;
    }
    pending.erase(0, start);
  }
  ::kill(pid, SIGKILL);
  int wait_status = 0;
  ::waitpid(pid, &wait_status, 0);
  ::close(fds[0]);
  INFO("the writer stopped early; reported " << ids.size());
  REQUIRE(ids.size() >= wanted);
  CHECK(WIFSIGNALED(wait_status));
  return ids;
}

std::string integrity_check(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  return db.execAndGet("PRAGMA integrity_check").getString();
}

TEST_CASE("sqlite crash: SIGKILL mid-write loses no committed goal and corrupts nothing") {
  TempDatabase db;
  std::set<std::string> reported;
  for (int round = 0; round < 2; ++round) {
    INFO("round " << round);
    for (auto& id : run_and_kill_writer(db.path(), 150)) reported.insert(std::move(id));

    CHECK(integrity_check(db.path()) == "ok");
    auto store = open_store(db.options());
    const auto goals = read_tx(*store, [](ports::Transaction& tx) { return tx.goals().all("crash-tenant"); });
    REQUIRE(goals);
    std::set<std::string> stored;
    for (const auto& g : *goals) stored.insert(g.id);
    std::vector<std::string> missing;
    for (const auto& id : reported) {
      if (!stored.contains(id)) missing.push_back(id);
    }
    INFO("reported " << reported.size() << ", stored " << stored.size());
    CHECK(missing.empty());
    CHECK(stored.size() >= reported.size());
  }
}

}  // namespace
}  // namespace traction::sqlite::test
