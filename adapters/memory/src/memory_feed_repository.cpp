#include "traction/memory/memory_feed_repository.hpp"

#include "newest_first.hpp"

namespace traction::memory {

Status MemoryFeedRepository::append(const FeedEntry& entry) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto& state = tx_.tenant_for_write(entry.tenant);
  if (state.feed_ids.contains(entry.id)) {
    return fail(ErrorCode::internal, "a feed entry with this id already exists");
  }
  insert_key(tx_, state.feed_ids, entry.id);
  append_row(tx_, state.feed, entry);
  return {};
}

Result<std::vector<FeedEntry>> MemoryFeedRepository::recent(std::string_view tenant,
                                                            std::size_t limit) {
  const auto* state = tx_.find_tenant(tenant);
  if (state == nullptr || limit == 0) return std::vector<FeedEntry>{};
  auto rows = newest_first(state->feed, [](const FeedEntry& e) { return e.timestamp; });
  if (rows.size() > limit) rows.resize(limit);
  return rows;
}

}  // namespace traction::memory
