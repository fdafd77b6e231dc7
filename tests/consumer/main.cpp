// An outside project embedding Traction as the README shows: the use cases on an in-memory
// store with the system clock and ids; one goal created, activated and read back.
#include <cstdio>
#include <string>

#include "traction/app/services.hpp"
#include "traction/memory/memory_store.hpp"
#include "traction/system/system_clock.hpp"
#include "traction/system/uuid_generator.hpp"

int main() {
  traction::memory::MemoryStore store;
  traction::system::SystemClock clock;
  traction::system::UuidGenerator ids;
  traction::Services services{traction::Dependencies{store, clock, ids, {}}};

  const traction::AuthContext who{"acme", "u-1", "Ada", traction::Role::admin};
  traction::GoalDraft draft;
  draft.title = "Ship the embedded build";
  draft.horizon = traction::Horizon::quarter;
  auto created = services.goals.create(who, draft);
  if (!created) {
    std::fprintf(stderr, "create failed: %s\n", created.error().message.c_str());
    return 1;
  }
  const std::string id = created->goal.id;
  auto activated = services.goals.activate(who, id, std::nullopt);
  if (!activated) {
    std::fprintf(stderr, "activate failed: %s\n", activated.error().message.c_str());
    return 1;
  }
  auto read = services.goals.get(who, id);
  if (!read) {
    std::fprintf(stderr, "read failed: %s\n", read.error().message.c_str());
    return 1;
  }
  std::printf("%s: %s\n", read->goal.title.c_str(),
              std::string{traction::goal_status_text.name(read->goal.status)}.c_str());
  return read->goal.title == draft.title && read->goal.status == traction::GoalStatus::active ? 0 : 1;
}
