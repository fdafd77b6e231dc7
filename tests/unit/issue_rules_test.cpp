#include <catch2/catch.hpp>

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "traction/domain/issue_config_rules.hpp"
#include "traction/domain/issue_rules.hpp"
#include "traction/domain/limits.hpp"

using namespace traction;

namespace {

const Timestamp t0 = *parse_timestamp("2025-01-15T10:00:00Z");
const Timestamp t1 = *parse_timestamp("2025-01-20T14:30:00Z");
const AuthContext john{"t1", "user_123", "John Doe", Role::manager};
const AuthContext jane{"t1", "user_456", "Jane Smith", Role::employee};

struct Config {
  std::vector<IssueType> types;
  std::vector<IssueStatus> statuses;
  Config() {
    auto n = std::make_shared<int>(0);
    NextId next = [n] { return "id-" + std::to_string(++*n); };
    types = make_system_issue_types("t1", {}, next, t0);
    statuses = make_system_issue_statuses("t1", {}, next, t0);
  }
  IssueConfigView view() const { return {types, statuses}; }
  std::string type(std::string_view name) const {
    for (const auto& t : types) {
      if (t.name == name) return t.id;
    }
    return {};
  }
  std::string status(std::string_view name) const {
    for (const auto& s : statuses) {
      if (s.name == name) return s.id;
    }
    return {};
  }
};

IssueDraft hire_draft(const Config& c) {
  IssueDraft d;
  d.title = "Hire senior developer";
  d.description = "Need experienced developer for project X";
  d.type_config_id = c.type("Personnel");
  d.impact = "high";
  d.priority = "critical";
  d.assigned_person_id = "user_456";
  d.assigned_person_name = "Jane Smith";
  d.due_date = parse_timestamp("2025-02-15T00:00:00Z");
  d.estimated_hours = 40.0;
  d.tags = {"hiring", "urgent"};
  d.connections.goal_ids = {"goal_123"};
  d.connections.strategy_ids = {"strategy_456"};
  return d;
}

}  // namespace

TEST_CASE("make_issue builds 001's example issue") {
  const Config c;
  const auto r = make_issue(hire_draft(c), c.view(), "issue_123abc", john, t0);
  REQUIRE(r);
  const auto& i = *r;
  CHECK(i.id == "issue_123abc");
  CHECK(i.tenant == "t1");
  CHECK(i.title == "Hire senior developer");
  CHECK(i.type_config_id == c.type("Personnel"));
  CHECK(i.status_config_id == c.status("Open"));  // none given: first open status
  CHECK(i.impact == Priority::high);
  CHECK(i.priority == Priority::critical);
  CHECK(i.reporter_id == "user_123");  // the caller
  CHECK(i.reporter_name == "John Doe");
  CHECK(i.assigned_person_name == "Jane Smith");
  CHECK(i.estimated_hours == 40.0);
  CHECK_FALSE(i.actual_hours);
  CHECK(i.tags == std::vector<std::string>{"hiring", "urgent"});
  CHECK(i.connections.goal_ids == std::vector<std::string>{"goal_123"});
  CHECK_FALSE(i.root_cause_analysis);
  CHECK_FALSE(i.resolution_notes);
  CHECK(i.created_at == t0);
  CHECK(i.created_by == "user_123");
}

TEST_CASE("a new issue's defaults") {
  Config c;
  IssueDraft d;
  d.title = "Something";
  auto r = make_issue(d, c.view(), "i1", john, t0);
  REQUIRE(r);
  CHECK(r->impact == Priority::medium);
  CHECK(r->priority == Priority::medium);
  CHECK_FALSE(r->type_config_id);  // no default type
  CHECK(r->status_config_id == c.status("Open"));

  SECTION("the tenant's default type") {
    IssueTypeDraft marketing;
    marketing.name = "Marketing";
    marketing.is_default = true;
    c.types.push_back(create_issue_type(marketing, c.types, "mk", "t1", t0)->type);
    CHECK(make_issue(d, c.view(), "i2", john, t0)->type_config_id == "mk");
  }
  SECTION("a reporter other than the caller") {
    d.reporter_id = "user_999";
    auto other = make_issue(d, c.view(), "i2", john, t0);
    REQUIRE(other);
    CHECK(other->reporter_id == "user_999");
    CHECK(other->reporter_name.empty());
  }
}

TEST_CASE("an issue's type and status must be active ones of the tenant") {
  Config c;
  auto d = hire_draft(c);
  d.type_config_id = "elsewhere";
  auto r = make_issue(d, c.view(), "i1", john, t0);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::validation_error);
  CHECK(r.error().field == "typeConfigId");

  d = hire_draft(c);
  d.status_config_id = "elsewhere";
  CHECK(make_issue(d, c.view(), "i1", john, t0).error().field == "statusId");

  d.status_config_id = c.status("Blocked");
  CHECK(make_issue(d, c.view(), "i1", john, t0)->status_config_id == c.status("Blocked"));

  // A deactivated custom status may not be chosen, but an issue already in it may keep it.
  IssueStatusDraft sd;
  sd.name = "Waiting";
  sd.category = "active";
  auto waiting = *create_issue_status(sd, c.statuses, "w", "t1", t0);
  waiting.is_active = false;
  c.statuses.push_back(waiting);
  d.status_config_id = "w";
  CHECK(make_issue(d, c.view(), "i1", john, t0).error().field == "statusId");

  auto issue = *make_issue(hire_draft(c), c.view(), "i1", john, t0);
  issue.status_config_id = "w";
  IssuePatch keep;
  keep.status_config_id = "w";
  keep.title = "Renamed";
  CHECK(apply_issue_patch(issue, keep, c.view(), jane, t1));
}

TEST_CASE("issue fields are validated") {
  const Config c;
  auto d = hire_draft(c);
  const auto field = [&](const IssueDraft& draft) {
    const auto r = make_issue(draft, c.view(), "i1", john, t0);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::validation_error);
    return r.error().field;
  };
  SECTION("title") {
    d.title = "";
    CHECK(field(d) == "title");
    d.title = std::string(201, 'x');
    CHECK(field(d) == "title");
  }
  SECTION("description and resolution notes") {
    d.description = std::string(limits::long_text + 1, 'x');
    CHECK(field(d) == "description");
    d.description.reset();
    d.resolution_notes = std::string(limits::long_text + 1, 'x');
    CHECK(field(d) == "resolutionNotes");
  }
  SECTION("hours are finite and not negative") {
    d.estimated_hours = -1;
    CHECK(field(d) == "estimatedHours");
    d.estimated_hours = 0;
    d.actual_hours = std::numeric_limits<double>::infinity();
    CHECK(field(d) == "actualHours");
    d.actual_hours = std::numeric_limits<double>::quiet_NaN();
    CHECK(field(d) == "actualHours");
  }
  SECTION("priority and impact are the string scale") {
    d.priority = "1";
    CHECK(field(d) == "priority");
    d.priority = "low";
    d.impact = "huge";
    const auto r = make_issue(d, c.view(), "i1", john, t0);
    REQUIRE_FALSE(r);
    CHECK(r.error().field == "impact");
    CHECK(r.error().message.find("low, medium, high, critical") != std::string::npos);
  }
  SECTION("connections") {
    d.connections.goal_ids = {" "};
    CHECK(field(d) == "connections.goalIds");
  }
  SECTION("display order") {
    d.display_order = -1;
    CHECK(field(d) == "displayOrder");
  }
}

TEST_CASE("issue tags are trimmed, non-empty, bounded and deduplicated") {
  const Config c;
  auto d = hire_draft(c);
  d.tags = {" hiring ", "Urgent", "HIRING", "urgent", "q1"};
  CHECK(make_issue(d, c.view(), "i1", john, t0)->tags == std::vector<std::string>{"hiring", "Urgent", "q1"});

  d.tags = {"ok", "  "};
  CHECK(make_issue(d, c.view(), "i1", john, t0).error().field == "tags");
  d.tags = {std::string(limits::tag + 1, 't')};
  CHECK(make_issue(d, c.view(), "i1", john, t0).error().field == "tags");
  d.tags = {std::string(limits::tag, 't')};
  CHECK(make_issue(d, c.view(), "i1", john, t0));

  std::vector<std::string> many;
  for (std::size_t i = 0; i < limits::tags; ++i) many.push_back("t" + std::to_string(i));
  d.tags = many;
  CHECK(make_issue(d, c.view(), "i1", john, t0));
  many.push_back("T0");  // a repeat: still fine
  d.tags = many;
  CHECK(make_issue(d, c.view(), "i1", john, t0));
  many.push_back("one-too-many");
  d.tags = many;
  CHECK(make_issue(d, c.view(), "i1", john, t0).error().field == "tags");
}

TEST_CASE("root cause analysis: a summary, or a method with findings") {
  const Config c;
  auto d = hire_draft(c);
  d.root_cause_analysis = RootCauseDraft{"Expansion requirements", std::nullopt, std::nullopt};
  auto r = make_issue(d, c.view(), "i1", john, t0);
  REQUIRE(r);
  REQUIRE(r->root_cause_analysis);
  CHECK(r->root_cause_analysis->summary == "Expansion requirements");
  CHECK_FALSE(r->root_cause_analysis->method);

  d.root_cause_analysis = RootCauseDraft{std::nullopt, "five_whys", R"({"why1":"no budget"})"};
  r = make_issue(d, c.view(), "i1", john, t0);
  REQUIRE(r);
  CHECK(r->root_cause_analysis->method == RootCauseMethod::five_whys);
  CHECK(r->root_cause_analysis->findings_json == R"({"why1":"no budget"})");

  d.root_cause_analysis = RootCauseDraft{std::nullopt, "fishbone", std::nullopt};
  CHECK(make_issue(d, c.view(), "i1", john, t0)->root_cause_analysis->findings_json == "{}");

  d.root_cause_analysis = RootCauseDraft{std::nullopt, "guessing", std::nullopt};
  CHECK(make_issue(d, c.view(), "i1", john, t0).error().field == "rootCauseAnalysis.method");

  d.root_cause_analysis = RootCauseDraft{std::nullopt, std::nullopt, "{}"};
  CHECK(make_issue(d, c.view(), "i1", john, t0).error().field == "rootCauseAnalysis.method");

  d.root_cause_analysis = RootCauseDraft{std::nullopt, "swot", std::string(limits::json_text + 1, ' ')};
  CHECK(make_issue(d, c.view(), "i1", john, t0).error().field == "rootCauseAnalysis.findings");

  d.root_cause_analysis = RootCauseDraft{std::string(limits::long_text + 1, 's'), std::nullopt, std::nullopt};
  CHECK(make_issue(d, c.view(), "i1", john, t0).error().field == "rootCauseAnalysis");

  d.root_cause_analysis = RootCauseDraft{"", std::nullopt, std::nullopt};
  CHECK_FALSE(make_issue(d, c.view(), "i1", john, t0)->root_cause_analysis);
}

TEST_CASE("patching an issue changes only the given fields") {
  const Config c;
  const auto issue = *make_issue(hire_draft(c), c.view(), "i1", john, t0);

  IssuePatch p;
  p.status_config_id = c.status("In Progress");
  p.actual_hours = 25.5;
  p.resolution_notes = std::string("Interviewing");
  auto r = apply_issue_patch(issue, p, c.view(), jane, t1);
  REQUIRE(r);
  CHECK(r->status_config_id == c.status("In Progress"));
  CHECK(r->actual_hours == 25.5);
  CHECK(r->resolution_notes == "Interviewing");
  CHECK(r->title == issue.title);
  CHECK(r->tags == issue.tags);
  CHECK(r->estimated_hours == issue.estimated_hours);
  CHECK(r->connections == issue.connections);
  CHECK(r->type_config_id == issue.type_config_id);
  CHECK(r->created_by == "user_123");
  CHECK(r->updated_by == "user_456");
  CHECK(r->updated_at == t1);
  CHECK(r->created_at == t0);

  SECTION("nullable fields can be cleared") {
    IssuePatch clear;
    clear.due_date = std::optional<Timestamp>{};
    clear.estimated_hours = std::optional<double>{};
    clear.type_config_id = std::optional<std::string>{};
    clear.resolution_notes = std::optional<std::string>{};
    const auto cleared = apply_issue_patch(*r, clear, c.view(), jane, t1);
    REQUIRE(cleared);
    CHECK_FALSE(cleared->due_date);
    CHECK_FALSE(cleared->estimated_hours);
    CHECK_FALSE(cleared->type_config_id);
    CHECK_FALSE(cleared->resolution_notes);
    CHECK(cleared->actual_hours == 25.5);
  }
  SECTION("bad values are refused") {
    IssuePatch bad;
    bad.tags = std::vector<std::string>{""};
    CHECK(apply_issue_patch(issue, bad, c.view(), jane, t1).error().field == "tags");
    bad = {};
    bad.status_config_id = "";
    CHECK(apply_issue_patch(issue, bad, c.view(), jane, t1).error().field == "statusId");
    bad = {};
    bad.type_config_id = std::optional<std::string>{"nope"};
    CHECK(apply_issue_patch(issue, bad, c.view(), jane, t1).error().field == "typeConfigId");
    bad = {};
    bad.estimated_hours = std::optional<double>{-3};
    CHECK(apply_issue_patch(issue, bad, c.view(), jane, t1).error().field == "estimatedHours");
    bad = {};
    bad.impact = "Medium";
    CHECK(apply_issue_patch(issue, bad, c.view(), jane, t1).error().field == "impact");
    bad = {};
    bad.reporter_id = "";
    CHECK(apply_issue_patch(issue, bad, c.view(), jane, t1).error().field == "reportedBy");
  }
  SECTION("a root cause analysis can be set and cleared") {
    IssuePatch rca;
    rca.root_cause_analysis = std::optional<RootCauseDraft>{RootCauseDraft{std::nullopt, "pareto", "{}"}};
    auto with = apply_issue_patch(issue, rca, c.view(), jane, t1);
    REQUIRE(with);
    CHECK(with->root_cause_analysis->method == RootCauseMethod::pareto);
    rca.root_cause_analysis = std::optional<RootCauseDraft>{};
    CHECK_FALSE(apply_issue_patch(*with, rca, c.view(), jane, t1)->root_cause_analysis);
  }
}
