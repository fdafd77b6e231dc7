// An outside project embedding Traction: an in-memory store, one goal written and read back.
#include <cstdio>
#include <string>

#include "traction/domain/goal.hpp"
#include "traction/memory/memory_store.hpp"
#include "traction/ports/store.hpp"

int main() {
  traction::memory::MemoryStore store;

  traction::Goal goal;
  goal.id = "goal-1";
  goal.tenant = "consumer";
  goal.title = "Ship the embedded build";
  goal.owner_id = "user-1";

  const auto inserted = traction::write_tx(
      store, [&](traction::ports::Transaction& tx) { return tx.goals().insert(goal); });
  if (!inserted) {
    std::fprintf(stderr, "insert failed: %s\n", inserted.error().message.c_str());
    return 1;
  }

  const auto title = traction::read_tx(
      store, [&](traction::ports::Transaction& tx) -> traction::Result<std::string> {
        auto found = tx.goals().find(goal.tenant, goal.id);
        if (!found) return std::unexpected(found.error());
        if (!*found) return traction::fail(traction::ErrorCode::goal_not_found, "goal not found");
        return (*found)->title;
      });
  if (!title) {
    std::fprintf(stderr, "read failed: %s\n", title.error().message.c_str());
    return 1;
  }
  std::printf("%s\n", title->c_str());
  return *title == goal.title ? 0 : 1;
}
