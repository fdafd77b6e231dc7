// End to end over HTTP: 001 "Goal Activity" — GET/POST /goals/{id}/activity and
// POST /goals/{id}/notes.
#include <catch2/catch.hpp>

#include "http_goal_support.hpp"

using namespace traction;
using namespace traction::test;

namespace {

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("activity: entries of each type are created and listed newest first", "[goals][activity]") {
  TestServer server;
  User acme{server, "acme"};
  const auto goal = new_goal(acme, "Grow revenue");
  const std::string feed = "/goals/" + goal + "/activity";

  auto review = data_of(acme.post(feed, json::object{{"type", "weekly_review"},
                                                     {"text", "  On track this week  "},
                                                     {"title", "Week 3"},
                                                     {"metadata", {{"week", 3}}}}),
                        201);
  CHECK(review.at("goalId") == json::value(goal));
  CHECK(review.at("type") == "weekly_review");
  CHECK(review.at("text") == "On track this week");
  CHECK(review.at("title") == "Week 3");
  CHECK(review.at("url").is_null());
  CHECK(review.at("metadata") == json::object{{"week", 3}});
  CHECK(review.at("attachments") == json::array{});
  CHECK(review.at("createdBy") == "u1");
  CHECK(review.at("createdByName") == "Test User");
  CHECK(review.at("createdAt").is_string());

  auto decision = data_of(acme.post(feed, json::object{{"type", "decision"}, {"text", "Hire two reps"}}), 201);
  CHECK(decision.at("title").is_null());
  CHECK(decision.at("metadata") == json::object{});
  // An attachment needs a url; without text it reads as its title.
  auto attachment = data_of(acme.post(feed, json::object{{"type", "attachment"}, {"title", "Plan.pdf"}, {"url", "https://files/plan.pdf"}}), 201);
  CHECK(attachment.at("text") == "Plan.pdf");
  CHECK(attachment.at("url") == "https://files/plan.pdf");
  auto bare = data_of(acme.post(feed, json::object{{"type", "attachment"}, {"url", "https://files/x"}}), 201);
  CHECK(bare.at("text") == "https://files/x");
  auto system = data_of(acme.post(feed, json::object{{"type", "system"}, {"text", "Imported"}}), 201);

  // POST /notes: a note, with its attachments.
  const json::array files{json::object{{"name", "a.png"}, {"url", "https://files/a.png"}}};
  auto note = data_of(acme.post("/goals/" + goal + "/notes", json::object{{"note", "Call the bank"}, {"attachments", files}}), 201);
  CHECK(note.at("type") == "note");
  CHECK(note.at("text") == "Call the bank");
  CHECK(note.at("attachments") == files);
  CHECK(note.at("goalId") == json::value(goal));

  auto list = data_of(acme.get(feed));
  CHECK(field_of_each(list, "id") == V{str(note.at("id")), str(system.at("id")), str(bare.at("id")),
                                       str(attachment.at("id")), str(decision.at("id")), str(review.at("id"))});
  CHECK(list.at(0) == note);
  CHECK(list.at(5) == review);

  // ?type= filters; page and size paginate.
  CHECK(field_of_each(data_of(acme.get(feed + "?type=attachment")), "id") ==
        V{str(bare.at("id")), str(attachment.at("id"))});
  CHECK(data_of(acme.get(feed + "?type=note")).as_array().size() == 1);
  CHECK(data_of(acme.get(feed + "?type=weekly_review")).at(0) == review);
  auto body = acme.get(feed + "?page=2&size=4").json();
  CHECK(field_of_each(body.at("data"), "id") == V{str(decision.at("id")), str(review.at("id"))});
  CHECK(body.at("pagination") == json::object{{"page", 2}, {"size", 4}, {"total", 6}, {"totalPages", 2}});
  body = acme.get(feed + "?page=3&size=4").json();
  CHECK(body.at("data").as_array().empty());
  CHECK(body.at("pagination").at("total") == 6);
  body = acme.get(feed + "?type=attachment&size=500").json();
  CHECK(body.at("pagination") == json::object{{"page", 1}, {"size", 100}, {"total", 2}, {"totalPages", 1}});

  // Each entry shows in the tenant's recent feed.
  const auto types = recent_types_of(acme);
  CHECK(contains(types, "weekly_review_added"));
  CHECK(contains(types, "decision_recorded"));
  CHECK(contains(types, "attachment_added"));
  CHECK(contains(types, "note_added"));

  // Activity of one goal only.
  const auto other = new_goal(acme, "Other");
  CHECK(data_of(acme.get("/goals/" + other + "/activity")).as_array().empty());
}

TEST_CASE("activity: requests are validated; the goal must exist", "[goals][activity]") {
  TestServer server;
  User acme{server, "acme"};
  const auto goal = new_goal(acme, "Goal");
  const std::string feed = "/goals/" + goal + "/activity";
  struct Case {
    json::object body;
    std::string field;
  };
  for (const auto& c : std::vector<Case>{{{{"text", "no type"}}, "type"},
                                         {{{"type", "comment"}, {"text", "x"}}, "type"},
                                         {{{"type", "note"}}, "text"},
                                         {{{"type", "note"}, {"text", "   "}}, "text"},
                                         {{{"type", "note"}, {"text", 42}}, "text"},
                                         {{{"type", "attachment"}, {"title", "No url"}}, "url"},
                                         {{{"type", "note"}, {"text", "x"}, {"metadata", "meta"}}, "metadata"},
                                         {{{"type", "note"}, {"text", "x"}, {"title", std::string(201, 't')}}, "title"}}) {
    INFO(json::serialize(c.body));
    auto res = acme.post(feed, c.body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == c.field);
  }
  for (const auto& c : std::vector<Case>{{{}, "note"},
                                         {{{"note", ""}}, "note"},
                                         {{{"note", "x"}, {"attachments", "a.png"}}, "attachments"},
                                         {{{"note", "x"}, {"attachments", {{"url", "u"}}}}, "attachments"}}) {
    INFO(json::serialize(c.body));
    auto res = acme.post("/goals/" + goal + "/notes", c.body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == c.field);
  }
  // "text" is accepted for a note as well.
  CHECK(data_of(acme.post("/goals/" + goal + "/notes", json::object{{"text", "Spelled differently"}}), 201).at("text") ==
        "Spelled differently");
  CHECK(data_of(acme.get(feed)).as_array().size() == 1);

  auto res = acme.get(feed + "?type=comment");
  CHECK(res.status == 400);
  CHECK(res.field() == "type");
  CHECK(acme.get(feed + "?page=0").field() == "page");

  for (const auto& r : {acme.get("/goals/ghost/activity"),
                        acme.post("/goals/ghost/activity", json::object{{"type", "note"}, {"text", "x"}}),
                        acme.post("/goals/ghost/notes", json::object{{"note", "x"}})}) {
    CHECK(r.status == 404);
    CHECK(r.code() == "GOAL_NOT_FOUND");
  }
  const auto gone = new_goal(acme, "Gone");
  data_of(acme.del("/goals/" + gone));
  CHECK(acme.post("/goals/" + gone + "/notes", json::object{{"note", "x"}}).code() == "GOAL_NOT_FOUND");
  CHECK(acme.get("/goals/" + gone + "/activity").code() == "GOAL_NOT_FOUND");
}
