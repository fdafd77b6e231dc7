#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "traction/domain/activity_rules.hpp"
#include "traction/domain/event.hpp"

using namespace traction;
using namespace traction::test;

TEST_CASE("an activity entry needs a type and a text") {
  ActivityDraft d;
  d.text = "Weekly sync went well";
  CHECK(make_activity(d, admin(), "g1", "a1", t0()).error().field == "type");
  d.type = ActivityType::weekly_review;
  d.text = " ";
  CHECK(make_activity(d, admin(), "g1", "a1", t0()).error().field == "text");
  d.text = "Weekly sync went well";
  auto a = make_activity(d, admin(), "g1", "a1", t0());
  REQUIRE(a);
  CHECK(a->goal_id == "g1");
  CHECK(a->created_by_name == "Ada Admin");
}

TEST_CASE("an attachment needs a url and may go without text") {
  ActivityDraft d;
  d.type = ActivityType::attachment;
  CHECK(make_activity(d, admin(), "g1", "a1", t0()).error().field == "url");
  d.url = "https://example.com/plan.pdf";
  d.title = "Plan";
  auto a = make_activity(d, admin(), "g1", "a1", t0());
  REQUIRE(a);
  CHECK(a->text == "Plan");
  d.url = std::string(2049, 'u');
  CHECK(make_activity(d, admin(), "g1", "a1", t0()).error().field == "url");
}

TEST_CASE("a note needs text; attachments must be an array") {
  NoteDraft n;
  CHECK(make_note(n, admin(), "g1", "a1", t0()).error().field == "note");
  n.note = "Call the supplier";
  n.attachments_json = "{}";
  CHECK(make_note(n, admin(), "g1", "a1", t0()).error().field == "attachments");
  n.attachments_json = R"([{"name":"x","url":"https://x"}])";
  auto a = make_note(n, admin(), "g1", "a1", t0());
  REQUIRE(a);
  CHECK(a->type == ActivityType::note);
  CHECK(a->attachments_json == R"([{"name":"x","url":"https://x"}])");
}

TEST_CASE("live event types follow the activity type") {
  DomainEvent e{1, "acme", "g1", t0(), ActivityCreated{"a1", ActivityType::note, "x", "", "", t0()}};
  CHECK(e.type() == "activity.created");
  e.payload = ActivityCreated{"a1", ActivityType::decision, "x", "", "", t0()};
  CHECK(e.type() == "decision.created");
  e.payload = ActivityCreated{"a1", ActivityType::attachment, "x", "", "", t0()};
  CHECK(e.type() == "attachment.created");
  e.payload = KpiReadingCreated{};
  CHECK(e.type() == "kpi.reading.created");
  e.payload = ProgressChanged{};
  CHECK(e.type() == "goal.progress.changed");
  e.payload = HealthChanged{};
  CHECK(e.type() == "goal.health.changed");
}
