#include "sqlite_log_repositories.hpp"

#include <limits>

#include "sqlite_error.hpp"

namespace traction::sqlite {

Status SqliteFeedRepository::append(const FeedEntry& e) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    auto st = tx_.statement(
        "INSERT INTO feed (tenant, id, type, user_id, user_name, entity_id, entity_type, "
        "entity_title, description, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (tenant, id) DO NOTHING");
    Binder(*st)
        .text(e.tenant)
        .text(e.id)
        .text(e.type)
        .text(e.user_id)
        .text(e.user_name)
        .text(e.entity_id)
        .text(e.entity_type)
        .text(e.entity_title)
        .text(e.description)
        .time(e.timestamp);
    if (st->exec() == 0) return fail(ErrorCode::internal, "a feed entry with this id already exists");
    return {};
  });
}

Result<std::vector<FeedEntry>> SqliteFeedRepository::recent(std::string_view tenant,
                                                            std::size_t limit) {
  return guarded([&]() -> Result<std::vector<FeedEntry>> {
    std::vector<FeedEntry> out;
    if (limit == 0) return out;
    constexpr auto max = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
    const auto capped = static_cast<std::int64_t>(limit > max ? max : limit);
    auto st = tx_.statement(
        "SELECT tenant, id, type, user_id, user_name, entity_id, entity_type, entity_title, "
        "description, timestamp FROM feed WHERE tenant = ? "
        "ORDER BY timestamp DESC, row_id DESC LIMIT ?");
    Binder(*st).text(tenant).i64(capped);
    while (st->executeStep()) {
      Row r(*st);
      FeedEntry e;
      e.tenant = r.text();
      e.id = r.text();
      e.type = r.text();
      e.user_id = r.text();
      e.user_name = r.text();
      e.entity_id = r.text();
      e.entity_type = r.text();
      e.entity_title = r.text();
      e.description = r.text();
      e.timestamp = r.time();
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace traction::sqlite
