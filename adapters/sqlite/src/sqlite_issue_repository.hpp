#pragma once

#include "sql.hpp"
#include "traction/ports/repositories.hpp"
#include "tx_context.hpp"

namespace traction::sqlite {

// Business issues in `issues`, their connections in `issue_links` (kind goal | strategy)
// and tags in `issue_tags`, both in the order given. list() orders by display order, then
// newest first, then id; linked_to_*() oldest first, ties by id.
class SqliteIssueRepository final : public ports::IssueRepository {
 public:
  explicit SqliteIssueRepository(TxContext& tx) noexcept : tx_(tx) {}

  Result<std::optional<Issue>> find(std::string_view tenant, std::string_view id) override;
  Result<Page<Issue>> list(std::string_view tenant, const IssueQuery& query) override;
  Result<std::int64_t> count_with_type(std::string_view tenant,
                                       std::string_view type_id) override;
  Result<std::int64_t> count_with_status(std::string_view tenant,
                                         std::string_view status_id) override;
  Result<std::vector<Issue>> linked_to_goal(std::string_view tenant,
                                            std::string_view goal_id) override;
  Result<std::vector<Issue>> linked_to_strategy(std::string_view tenant,
                                                std::string_view strategy_id) override;
  Status insert(const Issue& issue) override;
  Status update(Issue& issue) override;

 private:
  // `where` is the text after "FROM issues i": joins, then " WHERE ...".
  std::vector<Issue> select_issues(const std::string& where, const Filter& filter,
                                   std::string_view order);
  Result<std::vector<Issue>> linked(std::string_view tenant, std::string_view kind,
                                    std::string_view target_id);
  Result<std::int64_t> count_where(std::string_view tenant, std::string_view column,
                                   std::string_view value);
  void load_parts(std::string_view tenant, std::vector<Issue>& issues);
  void write_parts(const Issue& issue, bool replace);

  TxContext& tx_;
};

}  // namespace traction::sqlite
