// IssueTypeRepository and IssueStatusRepository.
#include "contract_fixtures.hpp"

using namespace traction;
using namespace traction::contract;

namespace {

void insert_types(ports::Store& store, const std::vector<IssueType>& types) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    for (const auto& type : types) {
      if (auto ok = tx.issue_types().insert(type); !ok) return ok;
    }
    return {};
  });
}

void insert_statuses(ports::Store& store, const std::vector<IssueStatus>& statuses) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    for (const auto& status : statuses) {
      if (auto ok = tx.issue_statuses().insert(status); !ok) return ok;
    }
    return {};
  });
}

std::optional<IssueType> find_type(ports::Store& store, std::string_view id) {
  return read_value(store,
                    [&](ports::Transaction& tx) { return tx.issue_types().find(tenant_a, id); });
}

std::optional<IssueStatus> find_status(ports::Store& store, std::string_view id) {
  return read_value(
      store, [&](ports::Transaction& tx) { return tx.issue_statuses().find(tenant_a, id); });
}

}  // namespace

TEST_CASE("issue types: an inserted type reads back field for field") {
  auto store = make_store();
  auto type = make_issue_type(tenant_a, "t-1", "Personnel", 1);
  type.is_system = true;
  type.is_default = true;
  type.is_active = false;
  type.updated_at = at("2025-01-16T00:00:00.250Z");
  insert_types(*store, {type});
  CHECK(find_type(*store, "t-1") == std::optional<IssueType>(type));
  CHECK_FALSE(find_type(*store, "t-2").has_value());

  auto plain = make_issue_type(tenant_a, "t-2", "Custom", 8);
  insert_types(*store, {plain});
  CHECK(find_type(*store, "t-2") == std::optional<IssueType>(plain));
}

TEST_CASE("issue types: insert of an existing id is INTERNAL; update of a missing one is "
          "ISSUE_TYPE_NOT_FOUND") {
  auto store = make_store();
  auto type = make_issue_type(tenant_a, "t-1", "Personnel", 1);
  insert_types(*store, {type});
  CHECK(has_code(write_status(*store,
                              [](ports::Transaction& tx) {
                                return tx.issue_types().insert(
                                    make_issue_type(tenant_a, "t-1", "Other", 2));
                              }),
                 ErrorCode::internal));
  CHECK(find_type(*store, "t-1") == std::optional<IssueType>(type));

  CHECK(has_code(write_status(*store,
                              [](ports::Transaction& tx) {
                                return tx.issue_types().update(
                                    make_issue_type(tenant_a, "ghost", "Ghost", 1));
                              }),
                 ErrorCode::issue_type_not_found));
  CHECK_FALSE(find_type(*store, "ghost").has_value());
}

TEST_CASE("issue types: update replaces the type") {
  auto store = make_store();
  auto type = make_issue_type(tenant_a, "t-1", "Personnel", 1);
  insert_types(*store, {type});
  type.name = "People";
  type.is_active = false;
  type.order = 4;
  type.updated_at = minutes_after_base(3);
  write_ok(*store, [&](ports::Transaction& tx) { return tx.issue_types().update(type); });
  CHECK(find_type(*store, "t-1") == std::optional<IssueType>(type));
}

TEST_CASE("issue types: list holds active and inactive types by order, then name") {
  auto store = make_store();
  auto inactive = make_issue_type(tenant_a, "t-x", "Legal", 2);
  inactive.is_active = false;
  insert_types(*store, {make_issue_type(tenant_a, "t-c", "billing", 3),
                        make_issue_type(tenant_a, "t-b", "Financial", 2),
                        make_issue_type(tenant_a, "t-a", "Personnel", 1), inactive,
                        make_issue_type(tenant_a, "t-d", "Customer", 3)});
  const auto types =
      read_value(*store, [](ports::Transaction& tx) { return tx.issue_types().list(tenant_a); });
  // Names compare case-insensitively: "billing" before "Customer".
  CHECK(ids_of(types) == strings({"t-a", "t-b", "t-x", "t-c", "t-d"}));
  CHECK(read_value(*store, [](ports::Transaction& tx) {
          return tx.issue_types().list(tenant_b);
        }).empty());
}

TEST_CASE("issue statuses: an inserted status reads back field for field") {
  auto store = make_store();
  auto status = make_issue_status(tenant_a, "s-1", "In Review", IssueStatusCategory::inactive, 3);
  status.is_system = true;
  status.is_active = false;
  status.updated_at = at("2025-01-17T11:00:00.999Z");
  insert_statuses(*store, {status});
  CHECK(find_status(*store, "s-1") == std::optional<IssueStatus>(status));
  CHECK_FALSE(find_status(*store, "s-2").has_value());
}

TEST_CASE("issue statuses: insert of an existing id is INTERNAL; update of a missing one is "
          "ISSUE_STATUS_NOT_FOUND; update replaces") {
  auto store = make_store();
  auto status = make_issue_status(tenant_a, "s-1", "New", IssueStatusCategory::open, 1);
  insert_statuses(*store, {status});
  CHECK(has_code(write_status(*store,
                              [](ports::Transaction& tx) {
                                return tx.issue_statuses().insert(make_issue_status(
                                    tenant_a, "s-1", "Other", IssueStatusCategory::closed, 1));
                              }),
                 ErrorCode::internal));
  CHECK(find_status(*store, "s-1") == std::optional<IssueStatus>(status));
  CHECK(has_code(write_status(*store,
                              [](ports::Transaction& tx) {
                                return tx.issue_statuses().update(make_issue_status(
                                    tenant_a, "ghost", "Ghost", IssueStatusCategory::open, 1));
                              }),
                 ErrorCode::issue_status_not_found));

  status.name = "Fresh";
  status.category = IssueStatusCategory::active;
  status.is_active = false;
  status.updated_at = minutes_after_base(7);
  write_ok(*store, [&](ports::Transaction& tx) { return tx.issue_statuses().update(status); });
  CHECK(find_status(*store, "s-1") == std::optional<IssueStatus>(status));
}

TEST_CASE("issue statuses: list is by category (open, active, inactive, closed), order, name") {
  auto store = make_store();
  using C = IssueStatusCategory;
  auto inactive = make_issue_status(tenant_a, "x-open-2", "Triaged", C::open, 2);
  inactive.is_active = false;
  insert_statuses(*store, {make_issue_status(tenant_a, "closed-1", "Done", C::closed, 1),
                           make_issue_status(tenant_a, "open-1", "New", C::open, 1),
                           make_issue_status(tenant_a, "inactive-1", "On hold", C::inactive, 1),
                           make_issue_status(tenant_a, "active-2", "Testing", C::active, 2),
                           make_issue_status(tenant_a, "active-1b", "Working", C::active, 1),
                           make_issue_status(tenant_a, "active-1a", "blocked", C::active, 1),
                           inactive,
                           make_issue_status(tenant_a, "closed-0", "Won't fix", C::closed, 0)});
  const auto statuses = read_value(
      *store, [](ports::Transaction& tx) { return tx.issue_statuses().list(tenant_a); });
  CHECK(ids_of(statuses) == strings({"open-1", "x-open-2", "active-1a", "active-1b", "active-2",
                                     "inactive-1", "closed-0", "closed-1"}));
}
