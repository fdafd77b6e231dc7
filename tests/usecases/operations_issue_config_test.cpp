// IssueConfigService on the memory store: the system defaults appear without set-up, and
// 001's rules for custom types and statuses hold.
#include <catch2/catch.hpp>

#include "operations_fixtures.hpp"

using namespace traction;
using namespace traction::test;

TEST_CASE("a new tenant sees the 7 system types and 11 system statuses on its first request") {
  Harness h;
  auto types = h.services.issue_config.list_types(employee("fresh"), IssueTypeFilter{});
  REQUIRE(types);
  REQUIRE(types->size() == 7);
  CHECK((*types)[0].name == "Personnel");
  CHECK((*types)[6].name == "General");
  CHECK(std::all_of(types->begin(), types->end(), [](const IssueType& t) { return t.is_system && t.is_active; }));

  auto statuses = h.services.issue_config.list_statuses(employee("fresh"), IssueStatusFilter{});
  REQUIRE(statuses);
  REQUIRE(statuses->size() == 11);
  CHECK((*statuses)[0].name == "Open");
  CHECK((*statuses)[0].category == IssueStatusCategory::open);
  CHECK((*statuses)[10].category == IssueStatusCategory::closed);

  // Seeding is idempotent: the same rows on every later request.
  auto again = h.services.issue_config.list_types(employee("fresh"), IssueTypeFilter{});
  CHECK(ids_of(*again) == ids_of(*types));
  CHECK(ids_of(*h.services.issue_config.list_statuses(admin("fresh"), IssueStatusFilter{})) == ids_of(*statuses));
  // Each tenant gets its own rows.
  auto other = h.services.issue_config.list_types(admin("other"), IssueTypeFilter{});
  REQUIRE(other->size() == 7);
  CHECK((*other)[0].id != (*types)[0].id);
}

TEST_CASE("system types and statuses cannot be changed or deleted") {
  Harness h;
  auto personnel = type_named(h, "Personnel");
  IssueTypePatch rename;
  rename.name = "People";
  CHECK(h.services.issue_config.update_type(admin(), personnel.id, rename).error().code ==
        ErrorCode::insufficient_permissions);
  CHECK(h.services.issue_config.delete_type(admin(), personnel.id).error().code == ErrorCode::insufficient_permissions);
  auto open = status_named(h, "Open");
  IssueStatusPatch recolor;
  recolor.color = "#000000";
  CHECK(h.services.issue_config.update_status(admin(), open.id, recolor).error().code ==
        ErrorCode::insufficient_permissions);
  CHECK(h.services.issue_config.delete_status(admin(), open.id).error().code == ErrorCode::insufficient_permissions);
  CHECK(type_named(h, "Personnel") == personnel);
}

TEST_CASE("custom types: unique names, hex colours, one default") {
  Harness h;
  IssueTypeDraft marketing{"Marketing", "Marketing and branding issues", "#4ECDC4", "bullhorn", 8, true};
  auto created = h.services.issue_config.create_type(manager(), marketing);
  REQUIRE(created);
  CHECK(created->is_default);
  CHECK_FALSE(created->is_system);

  IssueTypeDraft clash{"marketing", {}, {}, {}, {}, {}};
  CHECK(h.services.issue_config.create_type(admin(), clash).error().code == ErrorCode::duplicate_name);
  IssueTypeDraft system_name{"personnel", {}, {}, {}, {}, {}};
  CHECK(h.services.issue_config.create_type(admin(), system_name).error().code == ErrorCode::duplicate_name);
  IssueTypeDraft bad_color{"Sales", {}, std::string("red"), {}, {}, {}};
  auto refused = h.services.issue_config.create_type(admin(), bad_color);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == "color");

  IssueTypeDraft sales{"Sales", {}, std::string("#F6B"), {}, {}, true};
  auto second = h.services.issue_config.create_type(admin(), sales);
  REQUIRE(second);
  CHECK(second->is_default);
  CHECK_FALSE(type_named(h, "Marketing").is_default);  // setting one unsets the other

  IssueTypePatch back;
  back.is_default = true;
  REQUIRE(h.services.issue_config.update_type(admin(), created->id, back));
  CHECK(type_named(h, "Marketing").is_default);
  CHECK_FALSE(type_named(h, "Sales").is_default);

  // Only given fields change.
  IssueTypePatch icon;
  icon.icon = "chart-line";
  auto changed = h.services.issue_config.update_type(admin(), created->id, icon);
  REQUIRE(changed);
  CHECK(changed->icon == "chart-line");
  CHECK(changed->color == "#4ECDC4");
  CHECK(changed->name == "Marketing");
  CHECK(changed->updated_at == h.clock.now());
}

TEST_CASE("a type in use cannot be deleted; a deleted type is hidden until reactivated") {
  Harness h;
  auto custom = h.services.issue_config.create_type(admin(), {"Marketing", {}, {}, {}, {}, {}});
  REQUIRE(custom);
  auto draft = issue_draft("Brand refresh");
  draft.type_config_id = custom->id;
  auto issue = make_issue(h, draft);
  auto refused = h.services.issue_config.delete_type(admin(), custom->id);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::dependency_exists);

  IssuePatch reassign;
  reassign.type_config_id = std::optional<std::string>(type_named(h, "General").id);
  REQUIRE(h.services.operations.update_issue(admin(), issue.issue.id, reassign));
  auto deleted = h.services.issue_config.delete_type(admin(), custom->id);
  REQUIRE(deleted);
  CHECK_FALSE(deleted->is_active);

  auto active = h.services.issue_config.list_types(admin(), IssueTypeFilter{});
  CHECK(active->size() == 7);
  auto with_inactive = h.services.issue_config.list_types(admin(), IssueTypeFilter{true, true});
  CHECK(with_inactive->size() == 8);
  auto custom_only = h.services.issue_config.list_types(admin(), IssueTypeFilter{true, false});
  REQUIRE(custom_only->size() == 1);
  CHECK(custom_only->front().id == custom->id);

  // An inactive type cannot be given to an issue.
  auto stale = issue_draft("Stale");
  stale.type_config_id = custom->id;
  CHECK(h.services.operations.create_issue(admin(), stale).error().field == "typeConfigId");

  auto back = h.services.issue_config.activate_type(admin(), custom->id);
  REQUIRE(back);
  CHECK(back->is_active);
  CHECK(h.services.issue_config.list_types(admin(), IssueTypeFilter{})->size() == 8);
  CHECK(h.services.issue_config.delete_type(admin(), "nope").error().code == ErrorCode::issue_type_not_found);
}

TEST_CASE("custom statuses: required category that never changes, soft delete refused while in use") {
  Harness h;
  IssueStatusDraft pending{"Pending Approval", std::string("active"), {}, std::string("#F39C12"), {}, {}};
  auto created = h.services.issue_config.create_status(manager(), pending);
  REQUIRE(created);
  CHECK(created->category == IssueStatusCategory::active);
  CHECK(created->order == 4);  // after In Progress, In Review, Blocked

  IssueStatusDraft no_category{"Triage", {}, {}, {}, {}, {}};
  CHECK(h.services.issue_config.create_status(admin(), no_category).error().field == "category");
  IssueStatusDraft clash{"in progress", std::string("active"), {}, {}, {}, {}};
  CHECK(h.services.issue_config.create_status(admin(), clash).error().code == ErrorCode::duplicate_name);

  IssueStatusPatch move;
  move.category = "closed";
  auto refused = h.services.issue_config.update_status(admin(), created->id, move);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == "category");
  IssueStatusPatch rename;
  rename.name = "Pending Review";
  rename.category = "active";  // naming the current category is fine
  CHECK(h.services.issue_config.update_status(admin(), created->id, rename)->name == "Pending Review");

  auto draft = issue_draft("Budget sign-off");
  draft.status_config_id = created->id;
  auto issue = make_issue(h, draft);
  CHECK(h.services.issue_config.delete_status(admin(), created->id).error().code == ErrorCode::dependency_exists);
  REQUIRE(h.services.operations.delete_issue(admin(), issue.issue.id));
  auto deleted = h.services.issue_config.delete_status(admin(), created->id);
  REQUIRE(deleted);
  CHECK_FALSE(deleted->is_active);
  auto active = h.services.issue_config.list_statuses(admin(), IssueStatusFilter{IssueStatusCategory::active});
  CHECK(active->size() == 3);
  auto all = h.services.issue_config.list_statuses(admin(), IssueStatusFilter{IssueStatusCategory::active, true});
  CHECK(all->size() == 4);
  auto custom = h.services.issue_config.list_statuses(admin(), IssueStatusFilter{std::nullopt, true, false});
  REQUIRE(custom->size() == 1);
  CHECK(h.services.issue_config.activate_status(admin(), created->id)->is_active);
}

TEST_CASE("reorder takes exactly the category's active statuses") {
  Harness h;
  auto in_progress = status_named(h, "In Progress");
  auto in_review = status_named(h, "In Review");
  auto blocked = status_named(h, "Blocked");
  auto open = status_named(h, "Open");

  auto missing = h.services.issue_config.reorder_statuses(admin(), "active", {blocked.id, in_review.id});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().field == "statusIds");
  auto foreign = h.services.issue_config.reorder_statuses(admin(), "active",
                                                          {blocked.id, in_review.id, in_progress.id, open.id});
  REQUIRE_FALSE(foreign);
  CHECK(foreign.error().field == "statusIds");
  CHECK(h.services.issue_config.reorder_statuses(admin(), "sideways", {blocked.id}).error().field == "category");

  auto done = h.services.issue_config.reorder_statuses(admin(), "active", {blocked.id, in_progress.id, in_review.id});
  REQUIRE(done);
  CHECK(ids_of(*done) == std::vector<std::string>{blocked.id, in_progress.id, in_review.id});
  CHECK(status_named(h, "Blocked").order == 1);
  CHECK(status_named(h, "In Review").order == 3);
  CHECK(status_named(h, "Open") == open);  // other categories untouched
  auto listed = h.services.issue_config.list_statuses(admin(), IssueStatusFilter{IssueStatusCategory::active});
  CHECK(ids_of(*listed) == ids_of(*done));
}

TEST_CASE("only admins and managers change the issue configuration; everyone reads it") {
  Harness h;
  CHECK(h.services.issue_config.list_types(employee(), IssueTypeFilter{}));
  CHECK(h.services.issue_config.create_type(employee(), {"Mine", {}, {}, {}, {}, {}}).error().code ==
        ErrorCode::insufficient_permissions);
  CHECK(h.services.issue_config.create_status(employee(), {"Mine", std::string("open"), {}, {}, {}, {}})
            .error()
            .code == ErrorCode::insufficient_permissions);
  auto blocked = status_named(h, "Blocked");
  CHECK(h.services.issue_config.reorder_statuses(employee(), "active", {blocked.id}).error().code ==
        ErrorCode::insufficient_permissions);
}

TEST_CASE("another tenant's types and statuses are not found") {
  Harness h;
  auto theirs = h.services.issue_config.create_type(admin("globex"), {"Theirs", {}, {}, {}, {}, {}});
  REQUIRE(theirs);
  CHECK(h.services.issue_config.delete_type(admin(), theirs->id).error().code == ErrorCode::issue_type_not_found);
  CHECK(h.services.issue_config.activate_type(admin(), theirs->id).error().code == ErrorCode::issue_type_not_found);
  auto their_status = status_named(h, "Open", admin("globex"));
  CHECK(h.services.issue_config.update_status(admin(), their_status.id, {}).error().code ==
        ErrorCode::issue_status_not_found);
  auto draft = issue_draft("Cross-tenant");
  draft.status_config_id = their_status.id;
  CHECK(h.services.operations.create_issue(admin(), draft).error().field == "statusId");
}
