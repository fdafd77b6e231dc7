#pragma once
// The append-only logs of a goal and a tenant: activities, the recent-activity feed, the
// audit log and progress snapshots. Newest first means by time descending, ties by the
// later insert first; oldest first by time ascending, ties by the earlier insert first.

#include "sql.hpp"
#include "traction/ports/repositories.hpp"
#include "tx_context.hpp"

namespace traction::sqlite {

class SqliteActivityRepository final : public ports::ActivityRepository {
 public:
  explicit SqliteActivityRepository(TxContext& tx) noexcept : tx_(tx) {}
  Status insert(const Activity& activity) override;
  Result<Page<Activity>> list(std::string_view tenant, std::string_view goal_id,
                              const ActivityQuery& query) override;

 private:
  TxContext& tx_;
};

class SqliteFeedRepository final : public ports::FeedRepository {
 public:
  explicit SqliteFeedRepository(TxContext& tx) noexcept : tx_(tx) {}
  Status append(const FeedEntry& entry) override;
  Result<std::vector<FeedEntry>> recent(std::string_view tenant, std::size_t limit) override;

 private:
  TxContext& tx_;
};

class SqliteAuditRepository final : public ports::AuditRepository {
 public:
  explicit SqliteAuditRepository(TxContext& tx) noexcept : tx_(tx) {}
  Status append(const AuditEntry& entry) override;
  Result<Page<AuditEntry>> list(std::string_view tenant, std::string_view goal_id,
                                const PageRequest& page) override;

 private:
  TxContext& tx_;
};

class SqliteSnapshotRepository final : public ports::SnapshotRepository {
 public:
  explicit SqliteSnapshotRepository(TxContext& tx) noexcept : tx_(tx) {}
  Status append(const ProgressSnapshot& snapshot) override;
  Result<std::vector<ProgressSnapshot>> list(std::string_view tenant, std::string_view goal_id,
                                             std::optional<Timestamp> from,
                                             std::optional<Timestamp> to) override;
  Result<std::vector<ProgressPoint>> last_of_each_day(std::string_view tenant, std::string_view goal_id,
                                                         Timestamp from) override;

 private:
  TxContext& tx_;
};

}  // namespace traction::sqlite
