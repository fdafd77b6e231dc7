#include "traction/memory/memory_event_log.hpp"

#include <algorithm>

namespace traction::memory {

Status MemoryEventLog::append(DomainEvent& event) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto& state = tx_.state_for_write();
  auto& events = tx_.tenant_for_write(event.tenant).events;
  DomainEvent stored = event;
  stored.id = state.next_event_id;
  tx_.apply([&] { ++state.next_event_id; },
            [&state, id = stored.id] { state.next_event_id = id; });
  append_row(tx_, events, stored);
  tx_.add_event(stored);
  event.id = stored.id;
  return {};
}

Result<std::vector<DomainEvent>> MemoryEventLog::since(std::string_view tenant,
                                                       std::optional<std::string_view> goal_id,
                                                       std::int64_t after_id,
                                                       std::size_t limit) {
  std::vector<DomainEvent> out;
  const auto* state = tx_.find_tenant(tenant);
  if (state == nullptr) return out;
  const auto& events = state->events;
  auto it = std::upper_bound(events.begin(), events.end(), after_id,
                             [](std::int64_t id, const DomainEvent& e) { return id < e.id; });
  for (; it != events.end() && out.size() < limit; ++it) {
    if (goal_id && it->goal_id != *goal_id) continue;
    out.push_back(*it);
  }
  return out;
}

}  // namespace traction::memory
