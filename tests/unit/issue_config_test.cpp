#include <catch2/catch.hpp>

#include <memory>
#include <tuple>
#include <string>
#include <vector>

#include "traction/domain/issue_config_rules.hpp"

using namespace traction;

namespace {

const Timestamp t0 = *parse_timestamp("2025-01-15T10:00:00Z");
const Timestamp t1 = *parse_timestamp("2025-01-16T10:00:00Z");

NextId counter(std::string prefix) {
  auto n = std::make_shared<int>(0);
  return [n, prefix] { return prefix + std::to_string(++*n); };
}

std::vector<IssueType> seeded_types() { return make_system_issue_types("t1", {}, counter("type-"), t0); }
std::vector<IssueStatus> seeded_statuses() {
  return make_system_issue_statuses("t1", {}, counter("status-"), t0);
}

IssueType custom_type(std::string id, std::string name, int order, bool is_default = false) {
  IssueType t;
  t.id = std::move(id);
  t.tenant = "t1";
  t.name = std::move(name);
  t.order = order;
  t.is_default = is_default;
  t.created_at = t0;
  return t;
}

IssueStatus custom_status(std::string id, std::string name, IssueStatusCategory c, int order) {
  IssueStatus s;
  s.id = std::move(id);
  s.tenant = "t1";
  s.name = std::move(name);
  s.category = c;
  s.order = order;
  s.created_at = t0;
  return s;
}

const IssueStatus& by_name(const std::vector<IssueStatus>& v, std::string_view name) {
  for (const auto& s : v) {
    if (s.name == name) return s;
  }
  FAIL("no status " << name);
  return v.front();
}

}  // namespace

TEST_CASE("the 7 system issue types are 001's, in 001's order, with its descriptions") {
  const auto types = system_issue_types();
  REQUIRE(types.size() == 7);
  const std::vector<std::pair<std::string_view, std::string_view>> expected{
      {"Personnel", "People-related issues"},   {"Financial", "Budget, revenue, cost issues"},
      {"Process", "Workflow, operational issues"}, {"Legal", "Compliance, legal issues"},
      {"Customer", "Customer-related issues"},  {"Technical", "Technology, infrastructure issues"},
      {"General", "Miscellaneous issues"}};
  for (std::size_t i = 0; i < 7; ++i) {
    CHECK(types[i].name == expected[i].first);
    CHECK(types[i].description == expected[i].second);
    CHECK(is_hex_color(types[i].color));
    CHECK_FALSE(types[i].icon.empty());
  }
  CHECK(types[0].color == "#FF6B6B");
  CHECK(types[0].icon == "users");
}

TEST_CASE("the 11 system issue statuses are 001's, in its four categories") {
  const auto statuses = system_issue_statuses();
  REQUIRE(statuses.size() == 11);
  using C = IssueStatusCategory;
  const std::vector<std::tuple<std::string_view, std::string_view, C>> expected{
      {"Open", "Issue reported, awaiting triage", C::open},
      {"Backlog", "Acknowledged, queued for future work", C::open},
      {"In Progress", "Currently being worked on", C::active},
      {"In Review", "Work completed, under review", C::active},
      {"Blocked", "Work paused due to dependencies", C::active},
      {"On Hold", "Temporarily paused", C::inactive},
      {"Deferred", "Postponed to later date", C::inactive},
      {"Resolved", "Issue fixed/completed", C::closed},
      {"Closed", "Issue no longer relevant", C::closed},
      {"Duplicate", "Duplicate of another issue", C::closed},
      {"Won't Fix", "Decided not to address", C::closed}};
  for (std::size_t i = 0; i < 11; ++i) {
    CHECK(statuses[i].name == std::get<0>(expected[i]));
    CHECK(statuses[i].description == std::get<1>(expected[i]));
    CHECK(statuses[i].category == std::get<2>(expected[i]));
    CHECK(is_hex_color(statuses[i].color));
  }
}

TEST_CASE("seeding a tenant creates the system rows once, with ids from the caller") {
  const auto types = seeded_types();
  REQUIRE(types.size() == 7);
  CHECK(types[0].id == "type-1");
  CHECK(types[6].id == "type-7");
  for (std::size_t i = 0; i < types.size(); ++i) {
    CHECK(types[i].tenant == "t1");
    CHECK(types[i].is_system);
    CHECK(types[i].is_active);
    CHECK_FALSE(types[i].is_default);
    CHECK(types[i].order == static_cast<int>(i) + 1);
    CHECK(types[i].created_at == t0);
    CHECK_FALSE(types[i].updated_at);
  }
  CHECK(make_system_issue_types("t1", types, counter("x"), t1).empty());

  const auto statuses = seeded_statuses();
  REQUIRE(statuses.size() == 11);
  CHECK(by_name(statuses, "Open").order == 1);
  CHECK(by_name(statuses, "Backlog").order == 2);
  CHECK(by_name(statuses, "In Progress").order == 1);
  CHECK(by_name(statuses, "Blocked").order == 3);
  CHECK(by_name(statuses, "Deferred").order == 2);
  CHECK(by_name(statuses, "Won't Fix").order == 4);
  CHECK(make_system_issue_statuses("t1", statuses, counter("x"), t1).empty());

  // A partly seeded tenant gets only what it lacks.
  std::vector<IssueStatus> partial(statuses.begin(), statuses.begin() + 3);
  const auto rest = make_system_issue_statuses("t1", partial, counter("y"), t1);
  REQUIRE(rest.size() == 8);
  CHECK(rest.front().name == "In Review");
  CHECK(rest.front().order == 2);
}

TEST_CASE("creating an issue type validates 001's fields") {
  const auto existing = seeded_types();
  IssueTypeDraft d;
  d.name = "  Marketing ";
  d.description = "Marketing and branding issues";
  d.color = "#4ECDC4";
  d.icon = "bullhorn";
  auto r = create_issue_type(d, existing, "new", "t1", t1);
  REQUIRE(r);
  CHECK(r->type.name == "Marketing");
  CHECK(r->type.id == "new");
  CHECK(r->type.tenant == "t1");
  CHECK(r->type.order == 8);  // after the last
  CHECK_FALSE(r->type.is_system);
  CHECK_FALSE(r->type.is_default);
  CHECK(r->type.is_active);
  CHECK(r->type.created_at == t1);
  CHECK(r->cleared_defaults.empty());

  SECTION("name is required") {
    d.name = "   ";
    const auto e = create_issue_type(d, existing, "new", "t1", t1);
    REQUIRE_FALSE(e);
    CHECK(e.error().code == ErrorCode::validation_error);
    CHECK(e.error().field == "name");
  }
  SECTION("name is at most 100 characters, counted as characters") {
    d.name = std::string(100, 'a');
    CHECK(create_issue_type(d, existing, "new", "t1", t1));
    d.name = std::string(101, 'a');
    CHECK(create_issue_type(d, existing, "new", "t1", t1).error().field == "name");
    std::string accented;
    for (int i = 0; i < 100; ++i) accented += "\xC3\xA9";  // é, two bytes each
    d.name = accented;
    CHECK(create_issue_type(d, existing, "new", "t1", t1));
  }
  SECTION("names are unique per tenant, case-insensitively, system types included") {
    d.name = "personnel";
    const auto e = create_issue_type(d, existing, "new", "t1", t1);
    REQUIRE_FALSE(e);
    CHECK(e.error().code == ErrorCode::duplicate_name);
    auto with_inactive = existing;
    auto old = custom_type("old", "Marketing", 9);
    old.is_active = false;
    with_inactive.push_back(old);
    d.name = "MARKETING";
    CHECK(create_issue_type(d, with_inactive, "new", "t1", t1).error().code == ErrorCode::duplicate_name);
  }
  SECTION("color is #RGB or #RRGGBB") {
    for (const char* ok : {"#fff", "#A1b2C3", ""}) {
      d.color = ok;
      CHECK(create_issue_type(d, existing, "new", "t1", t1));
    }
    for (const char* bad : {"red", "#ff", "#GGGGGG", "FF6B6B", "#FF6B6B0", "#FF6B6"}) {
      d.color = bad;
      const auto e = create_issue_type(d, existing, "new", "t1", t1);
      REQUIRE_FALSE(e);
      CHECK(e.error().field == "color");
    }
  }
  SECTION("icon is at most 200 characters") {
    d.icon = std::string(201, 'i');
    CHECK(create_issue_type(d, existing, "new", "t1", t1).error().field == "icon");
  }
  SECTION("order is a positive integer") {
    d.order = 3;
    CHECK(create_issue_type(d, existing, "new", "t1", t1)->type.order == 3);
    for (std::int64_t bad : {std::int64_t{0}, std::int64_t{-1}, max_display_order + 1}) {
      d.order = bad;
      CHECK(create_issue_type(d, existing, "new", "t1", t1).error().field == "order");
    }
  }
}

TEST_CASE("only one issue type is the default") {
  auto existing = seeded_types();
  existing.push_back(custom_type("a", "Alpha", 8, true));
  IssueTypeDraft d;
  d.name = "Beta";
  d.is_default = true;
  auto created = create_issue_type(d, existing, "b", "t1", t1);
  REQUIRE(created);
  CHECK(created->type.is_default);
  REQUIRE(created->cleared_defaults.size() == 1);
  CHECK(created->cleared_defaults[0].id == "a");
  CHECK_FALSE(created->cleared_defaults[0].is_default);
  CHECK(created->cleared_defaults[0].updated_at == t1);

  // Apply the change as the use case would: now exactly one default.
  existing[7] = created->cleared_defaults[0];
  existing.push_back(created->type);
  CHECK(default_issue_type(existing)->id == "b");

  IssueTypePatch p;
  p.is_default = true;
  auto patched = apply_issue_type_patch(existing[7], p, existing, t1);
  REQUIRE(patched);
  REQUIRE(patched->cleared_defaults.size() == 1);
  CHECK(patched->cleared_defaults[0].id == "b");
  existing[7] = patched->type;
  existing[8] = patched->cleared_defaults[0];
  int defaults = 0;
  for (const auto& t : existing) defaults += t.is_default ? 1 : 0;
  CHECK(defaults == 1);
  CHECK(default_issue_type(existing)->id == "a");

  SECTION("an inactive type cannot become the default") {
    auto inactive = custom_type("c", "Gamma", 10);
    inactive.is_active = false;
    CHECK(apply_issue_type_patch(inactive, p, existing, t1).error().field == "isDefault");
  }
  SECTION("no default when none is flagged or the flagged one is inactive") {
    CHECK(default_issue_type(seeded_types()) == nullptr);
    auto only = std::vector<IssueType>{custom_type("z", "Z", 1, true)};
    only[0].is_active = false;
    CHECK(default_issue_type(only) == nullptr);
  }
}

TEST_CASE("patching an issue type changes only the given fields") {
  auto existing = seeded_types();
  existing.push_back(custom_type("m", "Marketing", 8));
  existing.back().color = "#4ECDC4";
  existing.back().icon = "bullhorn";
  IssueTypePatch p;
  p.name = "Marketing & Sales";
  auto r = apply_issue_type_patch(existing.back(), p, existing, t1);
  REQUIRE(r);
  CHECK(r->type.name == "Marketing & Sales");
  CHECK(r->type.color == "#4ECDC4");
  CHECK(r->type.icon == "bullhorn");
  CHECK(r->type.order == 8);
  CHECK(r->type.updated_at == t1);

  SECTION("keeping its own name is no clash; another's name is") {
    p.name = "MARKETING";
    CHECK(apply_issue_type_patch(existing.back(), p, existing, t1));
    p.name = "Legal";
    CHECK(apply_issue_type_patch(existing.back(), p, existing, t1).error().code == ErrorCode::duplicate_name);
  }
  SECTION("bad values are refused") {
    IssueTypePatch bad;
    bad.color = "blue";
    CHECK(apply_issue_type_patch(existing.back(), bad, existing, t1).error().field == "color");
    bad = {};
    bad.order = 0;
    CHECK(apply_issue_type_patch(existing.back(), bad, existing, t1).error().field == "order");
  }
  SECTION("system types cannot be modified") {
    const auto e = apply_issue_type_patch(existing.front(), IssueTypePatch{}, existing, t1);
    REQUIRE_FALSE(e);
    CHECK(e.error().code == ErrorCode::insufficient_permissions);
    CHECK(e.error().message.find("Cannot modify SYSTEM types") != std::string::npos);
  }
}

TEST_CASE("deleting an issue type is a soft delete with guards") {
  auto marketing = custom_type("m", "Marketing", 8, true);
  SECTION("system types cannot be deleted") {
    const auto sys = seeded_types().front();
    CHECK(check_issue_type_delete(sys, 0).error().code == ErrorCode::insufficient_permissions);
    CHECK(delete_issue_type(sys, 0, t1).error().code == ErrorCode::insufficient_permissions);
  }
  SECTION("a type in use must be reassigned first") {
    const auto e = delete_issue_type(marketing, 2, t1);
    REQUIRE_FALSE(e);
    CHECK(e.error().code == ErrorCode::dependency_exists);
    CHECK(e.error().message.find("reassign") != std::string::npos);
    CHECK(e.error().message.find("2 issues") != std::string::npos);
  }
  SECTION("an unused custom type becomes inactive and stops being the default") {
    CHECK(check_issue_type_delete(marketing, 0));
    const auto r = delete_issue_type(marketing, 0, t1);
    REQUIRE(r);
    CHECK_FALSE(r->is_active);
    CHECK_FALSE(r->is_default);
    CHECK(r->updated_at == t1);
    CHECK(*delete_issue_type(*r, 0, t0) == *r);  // again: nothing changes
    const auto back = reactivate_issue_type(*r, t0);
    CHECK(back.is_active);
    CHECK(back.updated_at == t0);
    CHECK(reactivate_issue_type(back, t1) == back);
  }
}

TEST_CASE("creating an issue status needs a category and a unique name") {
  const auto existing = seeded_statuses();
  IssueStatusDraft d;
  d.name = "Pending Approval";
  d.description = "Awaiting management approval";
  d.category = "active";
  d.color = "#F39C12";
  d.icon = "clock";
  auto r = create_issue_status(d, existing, "s-new", "t1", t1);
  REQUIRE(r);
  CHECK(r->category == IssueStatusCategory::active);
  CHECK(r->order == 4);  // after Blocked, the last of its category
  CHECK_FALSE(r->is_system);
  CHECK(r->is_active);

  SECTION("category is required and must be one of the four") {
    d.category.reset();
    CHECK(create_issue_status(d, existing, "s", "t1", t1).error().field == "category");
    d.category = "done";
    const auto e = create_issue_status(d, existing, "s", "t1", t1);
    REQUIRE_FALSE(e);
    CHECK(e.error().field == "category");
    CHECK(e.error().message.find("open, active, inactive, closed") != std::string::npos);
  }
  SECTION("names are unique across all categories") {
    d.name = "won't fix";
    CHECK(create_issue_status(d, existing, "s", "t1", t1).error().code == ErrorCode::duplicate_name);
  }
  SECTION("order, color and name bounds") {
    d.order = 2;
    CHECK(create_issue_status(d, existing, "s", "t1", t1)->order == 2);
    d.order = -5;
    CHECK(create_issue_status(d, existing, "s", "t1", t1).error().field == "order");
    d.order.reset();
    d.color = "#12345";
    CHECK(create_issue_status(d, existing, "s", "t1", t1).error().field == "color");
    d.color.reset();
    d.name = std::string(101, 'x');
    CHECK(create_issue_status(d, existing, "s", "t1", t1).error().field == "name");
  }
}

TEST_CASE("patching an issue status: no category change, no system change") {
  auto existing = seeded_statuses();
  existing.push_back(custom_status("p", "Pending Approval", IssueStatusCategory::active, 4));
  const auto& pending = existing.back();

  IssueStatusPatch p;
  p.name = "Pending Review";
  p.order = 3;
  auto r = apply_issue_status_patch(pending, p, existing, t1);
  REQUIRE(r);
  CHECK(r->name == "Pending Review");
  CHECK(r->order == 3);
  CHECK(r->category == IssueStatusCategory::active);
  CHECK(r->updated_at == t1);

  SECTION("naming the same category is fine; another is a 400") {
    p.category = "active";
    CHECK(apply_issue_status_patch(pending, p, existing, t1));
    p.category = "closed";
    const auto e = apply_issue_status_patch(pending, p, existing, t1);
    REQUIRE_FALSE(e);
    CHECK(e.error().code == ErrorCode::validation_error);
    CHECK(e.error().field == "category");
    p.category = "nonsense";
    CHECK(apply_issue_status_patch(pending, p, existing, t1).error().field == "category");
  }
  SECTION("system statuses are immutable") {
    const auto e = apply_issue_status_patch(existing.front(), IssueStatusPatch{}, existing, t1);
    REQUIRE_FALSE(e);
    CHECK(e.error().code == ErrorCode::insufficient_permissions);
    CHECK(e.error().message.find("SYSTEM") != std::string::npos);
  }
  SECTION("duplicate names are refused") {
    p.name = "blocked";
    CHECK(apply_issue_status_patch(pending, p, existing, t1).error().code == ErrorCode::duplicate_name);
  }
}

TEST_CASE("deleting an issue status") {
  auto existing = seeded_statuses();
  existing.push_back(custom_status("p", "Pending Approval", IssueStatusCategory::active, 4));
  const auto pending = existing.back();

  CHECK(check_issue_status_delete(by_name(existing, "Open"), 0, existing).error().code ==
        ErrorCode::insufficient_permissions);
  CHECK(delete_issue_status(pending, 1, existing, t1).error().code == ErrorCode::dependency_exists);

  const auto r = delete_issue_status(pending, 0, existing, t1);
  REQUIRE(r);
  CHECK_FALSE(r->is_active);
  CHECK(r->updated_at == t1);
  CHECK(reactivate_issue_status(*r, t1).is_active);

  SECTION("the last active status of a category cannot be deleted") {
    std::vector<IssueStatus> lone{custom_status("a", "Only", IssueStatusCategory::open, 1),
                                  custom_status("b", "Gone", IssueStatusCategory::open, 2)};
    lone[1].is_active = false;
    const auto e = delete_issue_status(lone[0], 0, lone, t1);
    REQUIRE_FALSE(e);
    CHECK(e.error().code == ErrorCode::dependency_exists);
    CHECK(e.error().message.find("last active status") != std::string::npos);
    lone[1].is_active = true;
    CHECK(delete_issue_status(lone[0], 0, lone, t1));
  }
}

TEST_CASE("reordering statuses takes exactly the active statuses of the category") {
  auto all = seeded_statuses();
  all.push_back(custom_status("p", "Pending Approval", IssueStatusCategory::active, 4));
  auto gone = custom_status("g", "Gone", IssueStatusCategory::active, 5);
  gone.is_active = false;
  all.push_back(gone);
  const auto id = [&](std::string_view name) { return by_name(all, name).id; };

  const std::vector<std::string> ids{"p", id("Blocked"), id("In Progress"), id("In Review")};
  auto r = reorder_issue_statuses("active", ids, all, t1);
  REQUIRE(r);
  REQUIRE(r->size() == 4);
  CHECK((*r)[0].id == "p");
  CHECK((*r)[0].order == 1);
  CHECK((*r)[1].name == "Blocked");
  CHECK((*r)[1].order == 2);
  CHECK((*r)[2].name == "In Progress");
  CHECK((*r)[2].order == 3);
  CHECK((*r)[3].name == "In Review");
  CHECK((*r)[3].order == 4);
  CHECK((*r)[1].updated_at == t1);

  const auto refused = [&](std::string_view category, std::vector<std::string> bad) {
    const auto e = reorder_issue_statuses(category, bad, all, t1);
    REQUIRE_FALSE(e);
    CHECK(e.error().code == ErrorCode::validation_error);
    return e.error();
  };
  CHECK(refused("finished", ids).field == "category");
  SECTION("missing") {
    const auto e = refused("active", {"p", id("Blocked"), id("In Progress")});
    CHECK(e.field == "statusIds");
    CHECK(e.message.find("In Review") != std::string::npos);
  }
  SECTION("extra, unknown id") { CHECK(refused("active", {"p", id("Blocked"), id("In Progress"), id("In Review"), "nope"}).message.find("nope") != std::string::npos); }
  SECTION("duplicate") {
    CHECK(refused("active", {"p", "p", id("Blocked"), id("In Progress"), id("In Review")}).message.find("more than once") !=
          std::string::npos);
  }
  SECTION("other category") {
    CHECK(refused("active", {"p", id("Blocked"), id("In Progress"), id("In Review"), id("Open")}).message.find("open") !=
          std::string::npos);
  }
  SECTION("inactive") {
    CHECK(refused("active", {"p", id("Blocked"), id("In Progress"), id("In Review"), "g"}).message.find("inactive") !=
          std::string::npos);
  }
  SECTION("empty list for a category with statuses") { CHECK(refused("closed", {}).field == "statusIds"); }
}

TEST_CASE("a new issue without a status gets the first active open status by order") {
  auto all = seeded_statuses();
  CHECK(initial_issue_status(all)->name == "Open");
  for (auto& s : all) {
    if (s.name == "Open") s.is_active = false;
  }
  CHECK(initial_issue_status(all)->name == "Backlog");
  all.push_back(custom_status("n", "New", IssueStatusCategory::open, 0));
  CHECK(initial_issue_status(all)->name == "New");
  CHECK(initial_issue_status(std::vector<IssueStatus>{}) == nullptr);
}
