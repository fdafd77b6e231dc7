#pragma once

#include "sql.hpp"
#include "traction/ports/repositories.hpp"
#include "tx_context.hpp"

namespace traction::sqlite {

// Actions in `actions`, their connections in `action_links` (kind goal | strategy | issue,
// in the order given). list() orders newest first (created_at descending), ties by id;
// all() and linked_to_*() oldest first, ties by id. The date filter compares
// [startDate, dueDate] with [start, end], both inclusive; an action with one date occupies
// that instant, one with neither never matches a date filter.
class SqliteActionRepository final : public ports::ActionRepository {
 public:
  explicit SqliteActionRepository(TxContext& tx) noexcept : tx_(tx) {}

  Result<std::optional<Action>> find(std::string_view tenant, std::string_view id) override;
  Result<Page<Action>> list(std::string_view tenant, const ActionQuery& query) override;
  Result<std::vector<Action>> all(std::string_view tenant) override;
  Result<std::vector<Action>> linked_to_goal(std::string_view tenant,
                                             std::string_view goal_id) override;
  Result<std::vector<Action>> linked_to_strategy(std::string_view tenant,
                                                 std::string_view strategy_id) override;
  Result<std::vector<Action>> linked_to_issue(std::string_view tenant,
                                              std::string_view issue_id) override;
  Status insert(const Action& action) override;
  Status update(Action& action) override;

 private:
  std::vector<Action> select_actions(const std::string& where, const Filter& filter,
                                     std::string_view order);
  Result<std::vector<Action>> linked(std::string_view tenant, std::string_view kind,
                                     std::string_view target_id);
  void load_links(std::string_view tenant, std::vector<Action>& actions);
  void write_links(const Action& action, bool replace);

  TxContext& tx_;
};

}  // namespace traction::sqlite
