// End to end over HTTP: 002's goal hierarchy (link-parent, unlink-parent, hierarchy, children,
// and the 004 ancestors), served under /goals/{id}/... and /api/goals/{id}/..., with the
// policy of DESIGN.md "Hierarchy": no self link, no cycles, a maximum depth, a child's level
// strictly below its parent's, individual goals are leaves, parent and child in one tenant.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

#include "http_intelligence_support.hpp"

using namespace traction;
using namespace traction::test;

namespace {

// A 400 VALIDATION_ERROR on `field` whose message names the rule.
void check_refused(const HttpResponse& res, std::string_view field, std::string_view rule) {
  INFO(res.body);
  CHECK(res.status == 400);
  CHECK(res.code() == "VALIDATION_ERROR");
  CHECK(res.field() == field);
  CHECK(res.json().at("success") == false);
  CHECK(has_text(res, rule));
}

std::optional<std::string> parent_of(Api& c, const std::string& id) {
  const auto p = goal_of(c, id).at("parentId");
  if (p.is_null()) return std::nullopt;
  return str(p);
}

}  // namespace

TEST_CASE("link-parent, hierarchy, children and unlink-parent work under both prefixes", "[intelligence][hierarchy]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto company = new_goal(acme, "Company", {{"level", "company"}});
  const auto division = new_goal(acme, "Division", {{"level", "division"}});
  const auto team = new_goal(acme, "Team", {{"level", "team"}});
  const auto person = new_goal(acme, "Person", {{"level", "individual"}});
  const auto sibling = new_goal(acme, "Sibling", {{"level", "individual"}});

  // Each link through another prefix; the answer is the linked goal.
  auto linked = data_of(link_parent(acme, division, company, "/goals"));
  CHECK(str(linked.at("id")) == division);
  CHECK(str(linked.at("parentId")) == company);
  linked = data_of(link_parent(acme, team, division, "/api/goals"));
  CHECK(str(linked.at("parentId")) == division);
  REQUIRE(link_parent(acme, person, team, "/goals").status == 200);
  // parent_id (snake case) is accepted too.
  REQUIRE(acme.post("/api/goals/" + sibling + "/link-parent", json::object{{"parent_id", team}}).status == 200);

  CHECK(num(goal_of(acme, company).at("childCount")) == 1);
  CHECK(num(goal_of(acme, team).at("childCount")) == 2);

  for (const auto prefix : goal_prefixes) {
    INFO(prefix);
    const std::string base(prefix);
    const auto h = data_of(acme.get(base + "/" + team + "/hierarchy"));
    CHECK(str(h.at("goal").at("id")) == team);
    CHECK(field_of_each(h.at("ancestors"), "id") == std::vector<std::string>{company, division});  // root first
    auto below = field_of_each(h.at("descendants"), "id");
    std::sort(below.begin(), below.end());
    auto expected = std::vector<std::string>{person, sibling};
    std::sort(expected.begin(), expected.end());
    CHECK(below == expected);
    CHECK(num(h.at("depth")) == 3);

    // From the root the whole tree comes back nested.
    const auto root = data_of(acme.get(base + "/" + company + "/hierarchy"));
    CHECK(root.at("ancestors").as_array().empty());
    CHECK(num(root.at("depth")) == 1);
    const auto& level1 = root.at("descendants").as_array();
    REQUIRE(level1.size() == 1);
    CHECK(str(level1[0].at("id")) == division);
    const auto& level2 = level1[0].at("children").as_array();
    REQUIRE(level2.size() == 1);
    CHECK(str(level2[0].at("id")) == team);
    CHECK(level2[0].at("children").as_array().size() == 2);

    CHECK(field_of_each(data_of(acme.get(base + "/" + company + "/children")), "id") ==
          std::vector<std::string>{division});
    CHECK(data_of(acme.get(base + "/" + person + "/children")).as_array().empty());
    CHECK(field_of_each(data_of(acme.get(base + "/" + person + "/ancestors")), "id") ==
          std::vector<std::string>{team, division, company});  // nearest first
  }

  // Unlink through /api/goals: the goal becomes a root and leaves its parent's children.
  const auto unlinked = data_of(acme.post_empty("/api/goals/" + person + "/unlink-parent"));
  CHECK(unlinked.at("parentId").is_null());
  CHECK(field_of_each(data_of(acme.get("/goals/" + team + "/children")), "id") == std::vector<std::string>{sibling});
  CHECK(num(goal_of(acme, team).at("childCount")) == 1);
  CHECK(data_of(acme.get("/goals/" + person + "/hierarchy")).at("ancestors").as_array().empty());
  // Unlinking a root is refused; so is linking to the same parent twice harmlessly a no-op.
  check_refused(acme.post_empty("/goals/" + person + "/unlink-parent"), "parentId", "has no parent");
  CHECK(str(data_of(link_parent(acme, sibling, team)).at("parentId")) == team);
  CHECK(num(goal_of(acme, team).at("childCount")) == 1);

  // Moving a goal to another parent: it leaves the old one and joins the new one.
  const auto other_team = new_goal(acme, "Other team", {{"level", "team"}});
  REQUIRE(link_parent(acme, sibling, other_team).status == 200);
  CHECK(data_of(acme.get("/goals/" + team + "/children")).as_array().empty());
  CHECK(field_of_each(data_of(acme.get("/goals/" + other_team + "/children")), "id") ==
        std::vector<std::string>{sibling});
  const auto moves = audit_entries(acme, sibling, "parent_changed");
  REQUIRE(moves.size() == 1);
  CHECK(str(moves[0].at("oldValue")) == team);
  CHECK(str(moves[0].at("newValue")) == other_team);
  CHECK(audit_entries(acme, person, "parent_unlinked").size() == 1);
  CHECK(audit_entries(acme, person, "parent_linked").size() == 1);
}

TEST_CASE("every hierarchy refusal is a 400 naming its rule, and changes nothing", "[intelligence][hierarchy]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto a = new_goal(acme, "A");
  const auto b = new_goal(acme, "B");
  const auto c = new_goal(acme, "C");
  REQUIRE(link_parent(acme, b, a).status == 200);
  REQUIRE(link_parent(acme, c, b).status == 200);

  for (const auto prefix : goal_prefixes) {
    INFO(prefix);
    check_refused(link_parent(acme, a, a, prefix), "parentId", "cannot be its own parent");
    // A under its grandchild C: C's ancestors contain A.
    check_refused(link_parent(acme, a, c, prefix), "parentId", "cycle");
    // A under its child B.
    check_refused(link_parent(acme, a, b, prefix), "parentId", "cycle");
    check_refused(link_parent(acme, a, "no-such-goal", prefix), "parentId", "does not exist");
    check_refused(acme.post(std::string(prefix) + "/" + a + "/link-parent", json::object{}), "parentId", "parentId");
    CHECK(link_parent(acme, "no-such-goal", a, prefix).status == 404);
    CHECK(link_parent(acme, "no-such-goal", a, prefix).code() == "GOAL_NOT_FOUND");
  }
  CHECK(parent_of(acme, a) == std::nullopt);
  CHECK(parent_of(acme, b) == a);
  CHECK(parent_of(acme, c) == b);
  // A deleted goal is no parent; a goal with children cannot be deleted.
  const auto gone = new_goal(acme, "Gone");
  REQUIRE(acme.del("/goals/" + gone).status == 200);
  check_refused(link_parent(acme, a, gone), "parentId", "does not exist");
  CHECK(acme.del("/goals/" + b).status == 409);
  CHECK(parent_of(acme, c) == b);

  // Levels: company > division > team > individual, strictly.
  const auto company = new_goal(acme, "Company", {{"level", "company"}});
  const auto division = new_goal(acme, "Division", {{"level", "division"}});
  const auto team = new_goal(acme, "Team", {{"level", "team"}});
  const auto team2 = new_goal(acme, "Team 2", {{"level", "team"}});
  const auto person = new_goal(acme, "Person", {{"level", "individual"}});
  const auto unlevelled = new_goal(acme, "No level");
  check_refused(link_parent(acme, division, team), "parentId", "A division goal cannot be a child of a team goal");
  check_refused(link_parent(acme, company, division), "parentId", "company > division > team > individual");
  check_refused(link_parent(acme, team2, team), "parentId", "A team goal cannot be a child of a team goal");
  // Individual goals are leaves, whatever the child's level (or none).
  check_refused(link_parent(acme, unlevelled, person), "parentId", "Individual goals are leaves");
  check_refused(link_parent(acme, team, person), "parentId", "Individual goals are leaves");
  // Skipping a level is allowed; a goal without a level fits anywhere above a leaf.
  CHECK(link_parent(acme, person, company).status == 200);
  CHECK(link_parent(acme, unlevelled, team).status == 200);
  CHECK(link_parent(acme, team2, unlevelled).status == 200);
  CHECK(parent_of(acme, division) == std::nullopt);
  CHECK(parent_of(acme, team) == std::nullopt);

  // Another tenant's goal is not there: as a parent a 400, as the goal a 404.
  Api globex{server, "globex"};
  const auto foreign = new_goal(globex, "Foreign");
  check_refused(link_parent(acme, a, foreign), "parentId", "does not exist");
  CHECK(link_parent(globex, foreign, a).status == 400);
  for (const auto prefix : goal_prefixes) {
    const std::string base(prefix);
    CHECK(link_parent(globex, a, foreign, prefix).code() == "GOAL_NOT_FOUND");
    CHECK(globex.post_empty(base + "/" + b + "/unlink-parent").status == 404);
    CHECK(globex.get(base + "/" + a + "/hierarchy").status == 404);
    CHECK(globex.get(base + "/" + a + "/children").status == 404);
    CHECK(globex.get(base + "/" + a + "/ancestors").status == 404);
  }
  CHECK(parent_of(acme, a) == std::nullopt);
  CHECK(parent_of(globex, foreign) == std::nullopt);

  // Only admins move goals.
  Api manager{server, "acme", Role::manager};
  const auto free_goal = new_goal(acme, "Free");
  auto res = link_parent(manager, free_goal, a);
  CHECK(res.status == 403);
  CHECK(res.code() == "INSUFFICIENT_PERMISSIONS");
  CHECK(manager.post_empty("/goals/" + b + "/unlink-parent").status == 403);
  CHECK(parent_of(acme, free_goal) == std::nullopt);
  CHECK(parent_of(acme, b) == a);
}

TEST_CASE("the maximum depth is the deployment's, counted for the whole moved subtree", "[intelligence][hierarchy]") {
  // --max-depth 3, as tractiond reads it.
  const std::vector<std::string> flags{"--max-depth", "3"};
  const auto config = app::parse_config(flags, {});
  REQUIRE(config.has_value());
  REQUIRE(config->max_depth == 3);
  TestServer server{{.configure = [&](app::Config& c) { c.max_depth = config->max_depth; }}};
  Api acme{server, "acme"};
  const auto g1 = new_goal(acme, "1");
  const auto g2 = new_goal(acme, "2");
  const auto g3 = new_goal(acme, "3");
  const auto g4 = new_goal(acme, "4");
  REQUIRE(link_parent(acme, g2, g1).status == 200);
  REQUIRE(link_parent(acme, g3, g2).status == 200);  // three levels: the maximum
  check_refused(link_parent(acme, g4, g3), "parentId", "Maximum hierarchy depth of 3 levels would be exceeded (4 levels)");
  check_refused(link_parent(acme, g4, g3, "/api/goals"), "parentId", "Maximum hierarchy depth of 3");

  // A goal with a child of its own counts as two levels.
  const auto top = new_goal(acme, "top");
  const auto below = new_goal(acme, "below");
  REQUIRE(link_parent(acme, below, top).status == 200);
  check_refused(link_parent(acme, top, g2), "parentId", "(4 levels)");
  CHECK(link_parent(acme, top, g1).status == 200);  // 1 > top > below: three levels
  CHECK(num(data_of(acme.get("/goals/" + below + "/hierarchy")).at("depth")) == 3);

  // The same rule on create and update.
  auto res = acme.post("/goals", json::object{{"title", "too deep"}, {"horizon", "month"}, {"parentId", g3}});
  check_refused(res, "parentId", "Maximum hierarchy depth of 3");
  res = acme.put("/goals/" + g4, json::object{{"parentId", g3}});
  check_refused(res, "parentId", "Maximum hierarchy depth of 3");
  CHECK(parent_of(acme, g4) == std::nullopt);
  CHECK(data_of(acme.get("/goals/" + g3 + "/children")).as_array().empty());
}

TEST_CASE("level and parentId on create and update follow the same rules", "[intelligence][hierarchy]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto company = new_goal(acme, "Company", {{"level", "company"}});
  const auto team = new_goal(acme, "Team", {{"level", "team"}});
  const auto person = new_goal(acme, "Person", {{"level", "individual"}});

  // Create.
  auto res = acme.post("/goals", json::object{{"title", "Div"}, {"horizon", "year"}, {"level", "division"}, {"parentId", team}});
  check_refused(res, "parentId", "A division goal cannot be a child of a team goal");
  res = acme.post("/goals", json::object{{"title", "Leaf child"}, {"horizon", "year"}, {"parent_id", person}});
  check_refused(res, "parentId", "Individual goals are leaves");
  res = acme.post("/goals", json::object{{"title", "Ghost"}, {"horizon", "year"}, {"parentId", "no-such-goal"}});
  check_refused(res, "parentId", "does not exist");
  Api globex{server, "globex"};
  res = globex.post("/goals", json::object{{"title", "Cross"}, {"horizon", "year"}, {"parentId", company}});
  check_refused(res, "parentId", "does not exist");
  res = acme.post("/goals", json::object{{"title", "Bad level"}, {"horizon", "year"}, {"level", "department"}});
  CHECK(res.status == 400);
  CHECK(res.field() == "level");
  CHECK(data_of(acme.get("/goals/" + team + "/children")).as_array().empty());
  CHECK(data_of(acme.get("/goals/" + person + "/children")).as_array().empty());

  const auto division = id_of(acme.post(
      "/goals", json::object{{"title", "Division"}, {"horizon", "year"}, {"level", "division"}, {"parentId", company}}));
  CHECK(parent_of(acme, division) == company);
  CHECK(field_of_each(data_of(acme.get("/api/goals/" + company + "/children")), "id") ==
        std::vector<std::string>{division});
  CHECK(num(goal_of(acme, company).at("childCount")) == 1);

  // Update: move, refuse, unlink.
  CHECK(str(data_of(acme.put("/goals/" + team, json::object{{"parentId", division}})).at("parentId")) == division);
  check_refused(acme.put("/goals/" + team, json::object{{"parentId", team}}), "parentId", "cannot be its own parent");
  check_refused(acme.put("/goals/" + company, json::object{{"parentId", team}}), "parentId", "cycle");
  check_refused(acme.put("/goals/" + division, json::object{{"parentId", person}}), "parentId",
                "Individual goals are leaves");
  check_refused(acme.put("/goals/" + person, json::object{{"parentId", "no-such-goal"}}), "parentId", "does not exist");
  CHECK(parent_of(acme, team) == division);
  CHECK(parent_of(acme, company) == std::nullopt);

  // A new level must fit the goal's parent and its children.
  res = acme.put("/goals/" + team, json::object{{"level", "company"}});  // above its division parent
  check_refused(res, "level", "A company goal cannot be a child of a division goal");
  res = acme.put("/goals/" + division, json::object{{"level", "individual"}});  // it has a child
  check_refused(res, "level", "Individual goals are leaves");
  res = acme.put("/goals/" + division, json::object{{"level", "team"}});  // same as its team child
  check_refused(res, "level", "A team goal cannot be a child of a team goal");
  CHECK(goal_of(acme, team).at("level") == "team");
  CHECK(goal_of(acme, division).at("level") == "division");
  // A level that fits is taken; a level and parent changed together are checked together.
  CHECK(data_of(acme.put("/goals/" + team, json::object{{"level", "individual"}})).at("level") == "individual");
  const auto moved = data_of(acme.put("/goals/" + person, json::object{{"level", "team"}, {"parentId", division}}));
  CHECK(moved.at("level") == "team");
  CHECK(str(moved.at("parentId")) == division);

  const auto unlinked = data_of(acme.put("/goals/" + person, json::object{{"parentId", nullptr}}));
  CHECK(unlinked.at("parentId").is_null());
  CHECK(field_of_each(data_of(acme.get("/goals/" + division + "/children")), "id") == std::vector<std::string>{team});
  CHECK(audit_entries(acme, person, "parent_unlinked").size() == 1);
}
