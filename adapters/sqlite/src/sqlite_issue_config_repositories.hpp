#pragma once
// The tenants' issue types and statuses (system defaults and custom ones).

#include "sql.hpp"
#include "traction/ports/repositories.hpp"
#include "tx_context.hpp"

namespace traction::sqlite {

// list(): by order, then name (ASCII case-insensitive), then id.
class SqliteIssueTypeRepository final : public ports::IssueTypeRepository {
 public:
  explicit SqliteIssueTypeRepository(TxContext& tx) noexcept : tx_(tx) {}
  Result<std::vector<IssueType>> list(std::string_view tenant) override;
  Result<std::optional<IssueType>> find(std::string_view tenant, std::string_view id) override;
  Status insert(const IssueType& type) override;
  Status update(const IssueType& type) override;

 private:
  std::vector<IssueType> select(const std::string& sql, std::string_view tenant,
                                std::optional<std::string_view> id);
  TxContext& tx_;
};

// list(): by category (open, active, inactive, closed), order, name, then id.
class SqliteIssueStatusRepository final : public ports::IssueStatusRepository {
 public:
  explicit SqliteIssueStatusRepository(TxContext& tx) noexcept : tx_(tx) {}
  Result<std::vector<IssueStatus>> list(std::string_view tenant) override;
  Result<std::optional<IssueStatus>> find(std::string_view tenant, std::string_view id) override;
  Status insert(const IssueStatus& status) override;
  Status update(const IssueStatus& status) override;

 private:
  std::vector<IssueStatus> select(const std::string& sql, std::string_view tenant,
                                  std::optional<std::string_view> id);
  TxContext& tx_;
};

}  // namespace traction::sqlite
