// End to end over HTTP: /api/operations/issue-types and /api/operations/issue-statuses
// (001 "Issue Configuration: Types/Statuses").
#include <catch2/catch.hpp>

#include "http_operations_support.hpp"

using namespace traction;
using namespace traction::test;

namespace {

using V = std::vector<std::string>;

const V system_types{"Personnel", "Financial", "Process", "Legal", "Customer", "Technical", "General"};
const V system_statuses{"Open",    "Backlog",  "In Progress", "In Review", "Blocked",  "On Hold",
                        "Deferred", "Resolved", "Closed",      "Duplicate", "Won't Fix"};

}  // namespace

TEST_CASE("every tenant sees 001's system types and statuses from its first request", "[operations][config]") {
  OperationsServer server;
  Caller employee{server, "fresh", Role::employee};

  auto types = data_of(employee.get("/api/operations/issue-types"));
  CHECK(field_of_each(types, "name") == system_types);
  const auto& personnel = types.as_array().front();
  CHECK(personnel.at("description") == "People-related issues");
  CHECK(personnel.at("color") == "#FF6B6B");
  CHECK(personnel.at("icon") == "users");
  CHECK(personnel.at("order") == 1);
  CHECK(personnel.at("isActive") == true);
  CHECK(personnel.at("isSystemType") == true);
  CHECK(personnel.at("isDefault") == false);
  CHECK(personnel.at("createdAt").is_string());
  CHECK(personnel.at("updatedAt").is_null());

  auto statuses = data_of(employee.get("/api/operations/issue-statuses"));
  CHECK(field_of_each(statuses, "name") == system_statuses);
  CHECK(field_of_each(statuses, "category") ==
        V{"open", "open", "active", "active", "active", "inactive", "inactive", "closed", "closed", "closed", "closed"});
  const auto& open = statuses.as_array().front();
  CHECK(open.at("isSystemStatus") == true);
  CHECK(open.at("isActive") == true);
  CHECK(open.at("order") == 1);

  // The same rows on every request, and each tenant has its own.
  CHECK(data_of(employee.get("/api/operations/issue-types")) == types);
  Caller other{server, "other"};
  auto their_types = data_of(other.get("/api/operations/issue-types"));
  CHECK(field_of_each(their_types, "name") == system_types);
  CHECK(field_of_each(their_types, "id") != field_of_each(types, "id"));
  // A tenant whose first request is an issue finds them too.
  Caller third{server, "third"};
  auto issue = data_of(third.post("/api/operations/issues", json::object{{"title", "First thing"}}), 201);
  CHECK(issue.at("statusName") == "Open");
}

TEST_CASE("status list filters: category, includeInactive, includeSystem", "[operations][config]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  CHECK(field_of_each(data_of(acme.get("/api/operations/issue-statuses?category=active")), "name") ==
        V{"In Progress", "In Review", "Blocked"});
  CHECK(field_of_each(data_of(acme.get("/api/operations/issue-statuses?category=closed&includeSystem=false")), "name")
            .empty());
  const auto custom = id_of(acme.post("/api/operations/issue-statuses",
                                      json::object{{"name", "Pending Approval"}, {"category", "active"}}));
  REQUIRE(acme.del("/api/operations/issue-statuses/" + custom).status == 200);
  CHECK(data_of(acme.get("/api/operations/issue-statuses?includeSystem=false")).as_array().empty());
  CHECK(field_of_each(data_of(acme.get("/api/operations/issue-statuses?includeSystem=false&includeInactive=true")),
                      "name") == V{"Pending Approval"});
  CHECK(data_of(acme.get("/api/operations/issue-statuses?category=active&includeInactive=true")).as_array().size() ==
        4);

  auto res = acme.get("/api/operations/issue-statuses?category=pending");
  CHECK(res.status == 400);
  CHECK(res.field() == "category");
  res = acme.get("/api/operations/issue-types?includeInactive=maybe");
  CHECK(res.status == 400);
  CHECK(res.field() == "includeInactive");
}

TEST_CASE("custom issue types: create, validate, update partially, one default", "[operations][config]") {
  OperationsServer server;
  Caller manager{server, "acme", Role::manager};
  auto res = manager.post("/api/operations/issue-types", json::object{{"name", "Marketing"},
                                                                      {"description", "Marketing and branding issues"},
                                                                      {"color", "#4ECDC4"},
                                                                      {"icon", "bullhorn"},
                                                                      {"order", 8},
                                                                      {"isDefault", true}});
  auto marketing = data_of(res, 201);
  const auto marketing_id = str(marketing.at("id"));
  CHECK(marketing.at("name") == "Marketing");
  CHECK(marketing.at("isSystemType") == false);
  CHECK(marketing.at("isDefault") == true);
  CHECK(marketing.at("order") == 8);

  res = manager.post("/api/operations/issue-types", json::object{{"name", "MARKETING"}});
  CHECK(res.status == 409);
  CHECK(res.code() == "DUPLICATE_NAME");
  CHECK(manager.post("/api/operations/issue-types", json::object{{"name", "legal"}}).code() == "DUPLICATE_NAME");
  for (const auto& [body, field] : std::vector<std::pair<json::object, std::string>>{
           {{{"description", "no name"}}, "name"},
           {{{"name", std::string(101, 'n')}}, "name"},
           {{{"name", "Sales"}, {"color", "red"}}, "color"},
           {{{"name", "Sales"}, {"color", "#12345G"}}, "color"},
           {{{"name", "Sales"}, {"order", 0}}, "order"},
           {{{"name", "Sales"}, {"isDefault", "yes"}}, "isDefault"},
       }) {
    INFO(json::serialize(body));
    res = manager.post("/api/operations/issue-types", body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == field);
  }

  // Setting a default unsets the previous one.
  const auto sales = id_of(manager.post("/api/operations/issue-types",
                                        json::object{{"name", "Sales"}, {"color", "#F6B"}, {"isDefault", true}}));
  auto types = data_of(manager.get("/api/operations/issue-types"));
  V defaults;
  for (const auto& t : types.as_array()) {
    if (t.at("isDefault") == true) defaults.push_back(str(t.at("name")));
  }
  CHECK(defaults == V{"Sales"});

  auto updated = data_of(manager.put("/api/operations/issue-types/" + marketing_id,
                                     json::object{{"name", "Marketing & Sales"}, {"isDefault", true}}));
  CHECK(updated.at("name") == "Marketing & Sales");
  CHECK(updated.at("isDefault") == true);
  CHECK(updated.at("color") == "#4ECDC4");  // not given: unchanged
  CHECK(updated.at("icon") == "bullhorn");
  CHECK(updated.at("updatedAt").is_string());
  CHECK(data_of(manager.get("/api/operations/issue-types?includeSystem=false")).as_array().back().at("isDefault") ==
        false);  // Sales
  res = manager.put("/api/operations/issue-types/" + sales, json::object{{"name", "marketing & sales"}});
  CHECK(res.code() == "DUPLICATE_NAME");
  res = manager.put("/api/operations/issue-types/" + sales, json::object{{"color", "blue"}});
  CHECK(res.field() == "color");
  CHECK(manager.put("/api/operations/issue-types/no-such-type", json::object{{"name", "x"}}).code() ==
        "ISSUE_TYPE_NOT_FOUND");
}

TEST_CASE("system types and statuses are immutable and undeletable", "[operations][config]") {
  OperationsServer server;
  Caller admin{server, "acme"};
  const auto personnel = type_id(admin, "Personnel");
  const auto open = status_id(admin, "Open");
  auto res = admin.put("/api/operations/issue-types/" + personnel, json::object{{"name", "People"}});
  CHECK(res.status == 403);
  CHECK(res.code() == "INSUFFICIENT_PERMISSIONS");
  CHECK(admin.put("/api/operations/issue-types/" + personnel, json::object{{"isDefault", true}}).status == 403);
  CHECK(admin.del("/api/operations/issue-types/" + personnel).status == 403);
  CHECK(admin.put("/api/operations/issue-statuses/" + open, json::object{{"color", "#000000"}}).status == 403);
  CHECK(admin.del("/api/operations/issue-statuses/" + open).status == 403);
  CHECK(field_of_each(data_of(admin.get("/api/operations/issue-types")), "name") == system_types);
  CHECK(field_of_each(data_of(admin.get("/api/operations/issue-statuses")), "name") == system_statuses);
}

TEST_CASE("issue types: soft delete refused while issues use them, then reactivation", "[operations][config]") {
  OperationsServer server;
  Caller admin{server, "acme"};
  const auto custom = id_of(admin.post("/api/operations/issue-types", json::object{{"name", "Marketing"}, {"isDefault", true}}));
  const auto issue = create_issue(admin, {{"title", "Brand refresh"}, {"typeConfigId", custom}});

  auto res = admin.del("/api/operations/issue-types/" + custom);
  CHECK(res.status == 409);
  CHECK(res.code() == "DEPENDENCY_EXISTS");
  data_of(admin.put("/api/operations/issues/" + issue, json::object{{"typeConfigId", type_id(admin, "General")}}));

  auto deleted = data_of(admin.del("/api/operations/issue-types/" + custom));
  CHECK(deleted.at("isActive") == false);
  CHECK(deleted.at("isDefault") == false);
  CHECK(data_of(admin.get("/api/operations/issue-types")).as_array().size() == 7);
  CHECK(data_of(admin.get("/api/operations/issue-types?includeInactive=true")).as_array().size() == 8);
  CHECK(data_of(admin.del("/api/operations/issue-types/" + custom)).at("isActive") == false);  // idempotent
  res = admin.post("/api/operations/issues", json::object{{"title", "x"}, {"typeConfigId", custom}});
  CHECK(res.field() == "typeConfigId");
  CHECK(admin.post("/api/operations/issue-types", json::object{{"name", "marketing"}}).code() == "DUPLICATE_NAME");

  auto active = data_of(admin.post_empty("/api/operations/issue-types/" + custom + ":activate"));
  CHECK(active.at("isActive") == true);
  CHECK(data_of(admin.get("/api/operations/issue-types")).as_array().size() == 8);
  CHECK(admin.post_empty("/api/operations/issue-types/no-such-type:activate").status == 404);
}

TEST_CASE("custom statuses: category fixed, soft delete refused while in use, reactivation", "[operations][config]") {
  OperationsServer server;
  Caller admin{server, "acme"};
  auto created = data_of(admin.post("/api/operations/issue-statuses",
                                    json::object{{"name", "Pending Approval"},
                                                 {"description", "Awaiting management approval"},
                                                 {"category", "active"},
                                                 {"color", "#F39C12"},
                                                 {"icon", "clock"}}),
                         201);
  const auto id = str(created.at("id"));
  CHECK(created.at("category") == "active");
  CHECK(created.at("order") == 4);
  CHECK(created.at("isSystemStatus") == false);

  for (const auto& [body, field] : std::vector<std::pair<json::object, std::string>>{
           {{{"name", "Triage"}}, "category"},
           {{{"name", "Triage"}, {"category", "waiting"}}, "category"},
           {{{"category", "open"}}, "name"},
           {{{"name", "Triage"}, {"category", "open"}, {"color", "orange"}}, "color"},
       }) {
    INFO(json::serialize(body));
    auto res = admin.post("/api/operations/issue-statuses", body);
    CHECK(res.status == 400);
    CHECK(res.field() == field);
  }
  CHECK(admin.post("/api/operations/issue-statuses", json::object{{"name", "in review"}, {"category", "active"}})
            .code() == "DUPLICATE_NAME");

  auto res = admin.put("/api/operations/issue-statuses/" + id, json::object{{"category", "closed"}});
  CHECK(res.status == 400);
  CHECK(res.field() == "category");
  auto renamed = data_of(admin.put("/api/operations/issue-statuses/" + id,
                                   json::object{{"name", "Pending Review"}, {"color", "#E67E22"}, {"order", 3}}));
  CHECK(renamed.at("name") == "Pending Review");
  CHECK(renamed.at("category") == "active");
  CHECK(renamed.at("icon") == "clock");
  CHECK(renamed.at("order") == 3);

  const auto issue = create_issue(admin, {{"title", "Budget sign-off"}, {"statusId", id}});
  res = admin.del("/api/operations/issue-statuses/" + id);
  CHECK(res.status == 409);
  CHECK(res.code() == "DEPENDENCY_EXISTS");
  data_of(admin.put("/api/operations/issues/" + issue, json::object{{"statusId", status_id(admin, "In Progress")}}));
  auto deleted = data_of(admin.del("/api/operations/issue-statuses/" + id));
  CHECK(deleted.at("isActive") == false);
  res = admin.put("/api/operations/issues/" + issue, json::object{{"statusId", id}});
  CHECK(res.field() == "statusId");
  auto active = data_of(admin.post_empty("/api/operations/issue-statuses/" + id + ":activate"));
  CHECK(active.at("isActive") == true);
  CHECK(admin.del("/api/operations/issue-statuses/no-such-status").code() == "ISSUE_STATUS_NOT_FOUND");
}

TEST_CASE("reordering statuses takes exactly one category's active statuses", "[operations][config]") {
  OperationsServer server;
  Caller admin{server, "acme"};
  const auto in_progress = status_id(admin, "In Progress");
  const auto in_review = status_id(admin, "In Review");
  const auto blocked = status_id(admin, "Blocked");
  const auto open = status_id(admin, "Open");
  const auto open_before = data_of(admin.get("/api/operations/issue-statuses?category=open"));

  auto reordered = data_of(admin.put("/api/operations/issue-statuses:reorder",
                                     json::object{{"category", "active"}, {"statusIds", {blocked, in_progress, in_review}}}));
  CHECK(field_of_each(reordered, "id") == V{blocked, in_progress, in_review});
  CHECK(reordered.as_array()[0].at("order") == 1);
  CHECK(reordered.as_array()[2].at("order") == 3);
  CHECK(field_of_each(data_of(admin.get("/api/operations/issue-statuses?category=active")), "name") ==
        V{"Blocked", "In Progress", "In Review"});
  CHECK(data_of(admin.get("/api/operations/issue-statuses?category=open")) == open_before);  // untouched

  struct Case {
    json::object body;
    std::string field;
  };
  for (const auto& c : std::vector<Case>{
           {{{"category", "active"}, {"statusIds", {blocked, in_progress}}}, "statusIds"},             // one missing
           {{{"category", "active"}, {"statusIds", {blocked, in_progress, in_review, open}}}, "statusIds"},  // other category
           {{{"category", "active"}, {"statusIds", {blocked, blocked, in_progress, in_review}}}, "statusIds"},
           {{{"category", "active"}, {"statusIds", {blocked, in_progress, in_review, "ghost"}}}, "statusIds"},
           {{{"category", "waiting"}, {"statusIds", {blocked}}}, "category"},
           {{{"statusIds", {blocked}}}, "category"},
           {{{"category", "active"}}, "statusIds"},
       }) {
    INFO(json::serialize(c.body));
    auto res = admin.put("/api/operations/issue-statuses:reorder", c.body);
    CHECK(res.status == 400);
    CHECK(res.field() == c.field);
  }
  CHECK(field_of_each(data_of(admin.get("/api/operations/issue-statuses?category=active")), "name") ==
        V{"Blocked", "In Progress", "In Review"});

  Caller globex{server, "globex"};
  auto res = globex.put("/api/operations/issue-statuses:reorder",
                        json::object{{"category", "active"}, {"statusIds", {blocked, in_progress, in_review}}});
  CHECK(res.status == 400);  // another tenant's ids
  CHECK(mentions(res, blocked));
}

TEST_CASE("only admins and managers change the configuration; it is private to the tenant", "[operations][config]") {
  OperationsServer server;
  Caller admin{server, "acme"};
  Caller employee{server, "acme", Role::employee, "u2"};
  Caller globex{server, "globex"};
  const auto custom = id_of(admin.post("/api/operations/issue-types", json::object{{"name", "Marketing"}}));
  const auto status = id_of(admin.post("/api/operations/issue-statuses",
                                       json::object{{"name", "Pending"}, {"category", "open"}}));

  CHECK(employee.get("/api/operations/issue-types").status == 200);
  CHECK(employee.get("/api/operations/issue-statuses").status == 200);
  for (auto res : {employee.post("/api/operations/issue-types", json::object{{"name", "Mine"}}),
                   employee.put("/api/operations/issue-types/" + custom, json::object{{"name", "Mine"}}),
                   employee.del("/api/operations/issue-types/" + custom),
                   employee.post_empty("/api/operations/issue-types/" + custom + ":activate"),
                   employee.post("/api/operations/issue-statuses", json::object{{"name", "Mine"}, {"category", "open"}}),
                   employee.put("/api/operations/issue-statuses/" + status, json::object{{"name", "Mine"}}),
                   employee.del("/api/operations/issue-statuses/" + status),
                   employee.put("/api/operations/issue-statuses:reorder",
                                json::object{{"category", "open"}, {"statusIds", json::array{}}})}) {
    CHECK(res.status == 403);
    CHECK(res.code() == "INSUFFICIENT_PERMISSIONS");
  }

  CHECK(globex.put("/api/operations/issue-types/" + custom, json::object{{"name", "Ours"}}).code() ==
        "ISSUE_TYPE_NOT_FOUND");
  CHECK(globex.del("/api/operations/issue-types/" + custom).status == 404);
  CHECK(globex.post_empty("/api/operations/issue-types/" + custom + ":activate").status == 404);
  CHECK(globex.put("/api/operations/issue-statuses/" + status, json::object{{"name", "Ours"}}).code() ==
        "ISSUE_STATUS_NOT_FOUND");
  CHECK(globex.del("/api/operations/issue-statuses/" + status).status == 404);
  CHECK(globex.post_empty("/api/operations/issue-statuses/" + status + ":activate").status == 404);
  CHECK(field_of_each(data_of(globex.get("/api/operations/issue-types")), "name") == system_types);
  // Names are unique per tenant, not across tenants.
  CHECK(globex.post("/api/operations/issue-types", json::object{{"name", "Marketing"}}).status == 201);
  auto res = globex.post("/api/operations/issues", json::object{{"title", "x"}, {"typeConfigId", custom}});
  CHECK(res.status == 400);
  CHECK(res.field() == "typeConfigId");
}
