// The request JSON toolkit: every FieldReader / QueryReader error is a VALIDATION_ERROR that
// names its field; patch semantics tell absent, null and a value apart.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "support/test_server.hpp"
#include "traction/domain/goal.hpp"
#include "traction/http/field_reader.hpp"
#include "traction/http/json.hpp"
#include "traction/http/query_reader.hpp"

using namespace traction;
using namespace traction::http;

namespace {

boost::json::object obj(std::string_view text) { return boost::json::parse(text).as_object(); }

template <class T>
void check_error(const Result<T>& result, std::string_view field, std::string_view message) {
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().code == ErrorCode::validation_error);
  CHECK(result.error().field == field);
  CHECK(result.error().message == message);
}

Request request_with_body(std::string body) {
  Request r;
  r.body = std::move(body);
  return r;
}

Request request_with_query(std::string_view target) {
  Request r;
  REQUIRE(parse_target(target, r).has_value());
  return r;
}

}  // namespace

TEST_CASE("parse_body: required, valid JSON, an object", "[fields]") {
  check_error(parse_body(request_with_body("")), "", "Request body is required");
  check_error(parse_body(request_with_body("  \n")), "", "Request body is required");
  check_error(parse_body(request_with_body("{\"a\":")), "", "Request body is not valid JSON");
  check_error(parse_body(request_with_body("{'a':1}")), "", "Request body is not valid JSON");
  check_error(parse_body(request_with_body("[1,2]")), "", "Request body must be a JSON object");
  check_error(parse_body(request_with_body("\"text\"")), "", "Request body must be a JSON object");
  CHECK(parse_body(request_with_body(R"({"a":1})"))->at("a") == 1);
  CHECK(parse_optional_body(request_with_body(""))->empty());
  check_error(parse_optional_body(request_with_body("nope")), "", "Request body is not valid JSON");
}

TEST_CASE("strings: required, type, length in characters, kept as sent", "[fields]") {
  const auto in_obj = obj(R"({"title":"  Grow  ","n":5,"empty":"","nul":null,"long":"ééééé"})");
  const FieldReader in{in_obj};
  CHECK(*in.required_string("title", 10) == "  Grow  ");
  check_error(in.required_string("missing", 10), "missing", "missing is required");
  check_error(in.required_string("nul", 10), "nul", "nul is required");
  check_error(in.required_string("n", 10), "n", "n must be a string");
  check_error(in.required_string("empty", 10), "empty", "empty must not be empty");
  CHECK(*in.required_string("long", 5) == "ééééé");  // 5 characters, 10 bytes
  check_error(in.required_string("long", 4), "long", "long must be at most 4 characters");

  CHECK_FALSE(in.optional_string("missing", 10)->has_value());
  CHECK_FALSE(in.optional_string("nul", 10)->has_value());
  CHECK(**in.optional_string("empty", 10) == "");
  check_error(in.optional_string("n", 10), "n", "n must be a string");
}

TEST_CASE("alternative spellings: the error names the spelling sent", "[fields]") {
  const auto in_obj = obj(R"({"owner_id":7,"kpi_id":"k1"})");
  const FieldReader in{in_obj};
  check_error(in.required_string({"ownerId", "owner_id"}, limits::id), "owner_id",
              "owner_id must be a string");
  CHECK(*in.required_string({"kpiId", "kpi_id"}, limits::id) == "k1");
  check_error(in.required_string({"valueTags", "value_tags"}, 5), "valueTags",
              "valueTags is required");
  const auto both = obj(R"({"ownerId":"camel","owner_id":"snake"})");
  CHECK(*FieldReader{both}.required_string({"ownerId", "owner_id"}, 10) == "camel");
}

TEST_CASE("integers and numbers: type, range, finite", "[fields]") {
  const auto in_obj =
      obj(R"({"i":5,"whole":3.0,"frac":3.5,"s":"5","big":18446744073709551615,"neg":-1,"huge":1e999,"pct":42.5})");
  const FieldReader in{in_obj};
  CHECK(*in.required_int("i", 0, 10) == 5);
  CHECK(*in.required_int("whole", 0, 10) == 3);
  check_error(in.required_int("frac", 0, 10), "frac", "frac must be an integer");
  check_error(in.required_int("s", 0, 10), "s", "s must be an integer");
  check_error(in.required_int("big", 0, 10), "big", "big must be between 0 and 10");
  check_error(in.required_int("neg", 0, 10), "neg", "neg must be between 0 and 10");
  check_error(in.required_int("missing", 0, 10), "missing", "missing is required");
  check_error(in.required_int("neg", 0, std::numeric_limits<std::int64_t>::max()), "neg",
              "neg must be at least 0");

  CHECK(*in.required_number({"thresholdPct", "pct"}, 0, 100) == 42.5);
  check_error(in.required_number("huge", 0, 100), "huge", "huge must be a finite number");
  check_error(in.required_number("s", 0, 100), "s", "s must be a number");
  check_error(in.required_number("i", 0, 1), "i", "i must be between 0 and 1");
  check_error(in.required_number("neg", 0, 100.5), "neg", "neg must be between 0 and 100.5");
  CHECK_FALSE(in.optional_number("missing", 0, 1)->has_value());
}

TEST_CASE("booleans", "[fields]") {
  const auto in_obj = obj(R"({"t":true,"s":"true","n":1})");
  const FieldReader in{in_obj};
  CHECK(*in.required_bool("t") == true);
  check_error(in.required_bool("s"), "s", "s must be true or false");
  check_error(in.required_bool("n"), "n", "n must be true or false");
  check_error(in.required_bool("missing"), "missing", "missing is required");
  CHECK_FALSE(in.optional_bool("missing")->has_value());
}

TEST_CASE("string arrays: type, count, element bounds", "[fields]") {
  const auto in_obj = obj(
      R"({"tags":["a","b"],"notarray":"a","mixed":["a",2],"blank":["a",""],"long":["abcdef"],"many":["1","2","3"]})");
  const FieldReader in{in_obj};
  CHECK(*in.string_array({"valueTags", "tags"}, 5, 5) == std::vector<std::string>{"a", "b"});
  CHECK(in.string_array("missing", 5, 5)->empty());
  CHECK_FALSE(in.optional_string_array("missing", 5, 5)->has_value());
  check_error(in.string_array("notarray", 5, 5), "notarray", "notarray must be an array of strings");
  check_error(in.string_array("mixed", 5, 5), "mixed[1]", "mixed[1] must be a string");
  check_error(in.string_array("blank", 5, 5), "blank[1]", "blank[1] must not be empty");
  check_error(in.string_array("long", 5, 5), "long[0]", "long[0] must be at most 5 characters");
  check_error(in.string_array("many", 2, 5), "many", "many must have at most 2 items");
}

TEST_CASE("enums through core's EnumText tables", "[fields]") {
  const auto in_obj = obj(R"({"horizon":"decade","h2":"month","n":3,"nul":null})");
  const FieldReader in{in_obj};
  check_error(in.required_enum("horizon", horizon_text), "horizon",
              "horizon must be one of year, quarter, month");
  CHECK(*in.required_enum("h2", horizon_text) == Horizon::month);
  check_error(in.required_enum("n", horizon_text), "n", "n must be a string");
  check_error(in.required_enum("missing", horizon_text), "missing", "missing is required");
  CHECK_FALSE(in.optional_enum("missing", horizon_text)->has_value());
  CHECK_FALSE(in.optional_enum("nul", horizon_text)->has_value());
  CHECK(in.patch_enum("nul", horizon_text)->has_value());
  CHECK_FALSE(in.patch_enum("nul", horizon_text)->value().has_value());
}

TEST_CASE("dates, timestamps and months", "[fields]") {
  const auto in_obj = obj(
      R"({"d":"2025-01-15","t":"2025-01-15T10:00:00Z","bad":"15/01/2025","feb":"2025-02-30","m":"2025-03","badm":"2025-13"})");
  const FieldReader in{in_obj};
  CHECK(format_date(*in.required_date("d")) == "2025-01-15");
  CHECK(format_date(*in.required_date("t")) == "2025-01-15");
  check_error(in.required_date("bad"), "bad", "bad must be a date (YYYY-MM-DD)");
  check_error(in.required_date("feb"), "feb", "feb must be a date (YYYY-MM-DD)");
  check_error(in.required_date("missing"), "missing", "missing is required");
  CHECK(format_timestamp(*in.required_timestamp("t")) == "2025-01-15T10:00:00.000Z");
  check_error(in.required_timestamp("bad"), "bad",
              "bad must be an ISO-8601 timestamp (YYYY-MM-DDTHH:MM:SSZ) or a date (YYYY-MM-DD)");
  CHECK(format_year_month(*in.required_year_month("m")) == "2025-03");
  check_error(in.required_year_month("badm"), "badm", "badm must be a month (YYYY-MM)");
}

TEST_CASE("patch semantics: absent, null and a value", "[fields]") {
  const auto in_obj = obj(R"({"intent":null,"title":"New","end":null,"start":"2025-01-01","p":null,"meta":null})");
  const FieldReader in{in_obj};
  const auto absent = in.patch_string("owner", 10);
  CHECK_FALSE(absent->has_value());
  const auto cleared = in.patch_string("intent", 10);
  REQUIRE(cleared->has_value());
  CHECK_FALSE(cleared->value().has_value());
  const auto set = in.patch_string("title", 10);
  CHECK(set->value().value() == "New");
  CHECK_FALSE(in.patch_date("end")->value().has_value());
  CHECK(format_date(in.patch_date("start")->value().value()) == "2025-01-01");
  CHECK(in.patch_number("p", 0, 100)->has_value());
  CHECK_FALSE(in.patch_number("p", 0, 100)->value().has_value());
  CHECK(in.patch_json_object("meta")->has_value());
  CHECK_FALSE(in.patch_int("none", 0, 1)->has_value());
}

TEST_CASE("nested JSON objects kept as serialized text", "[fields]") {
  const auto in_obj = obj(R"({"metadata":{"b":[1,2.5],"a":"x"},"list":[1],"big":{"k":"0123456789"}})");
  const FieldReader in{in_obj};
  CHECK(**in.optional_json_object("metadata") == R"({"b":[1,2.5],"a":"x"})");
  CHECK_FALSE(in.optional_json_object("missing")->has_value());
  check_error(in.optional_json_object("list"), "list", "list must be an object");
  check_error(in.optional_json_object("big", 10), "big", "big must be at most 10 bytes of JSON");
}

TEST_CASE("nested readers name the path of the field", "[fields]") {
  const auto in_obj = obj(
      R"({"strategies":[{"description":"ok"},{"description":5}],"period":{"start":"x"},"notobj":[1]})");
  const FieldReader in{in_obj};
  const auto items = in.object_array("strategies", 10);
  REQUIRE(items.has_value());
  REQUIRE(items->size() == 2);
  CHECK(*(*items)[0].required_string("description", 50) == "ok");
  check_error((*items)[1].required_string("description", 50), "strategies[1].description",
              "strategies[1].description must be a string");
  check_error(in.object_array("strategies", 1), "strategies", "strategies must have at most 1 items");
  check_error(in.object_array("notobj", 5), "notobj[0]", "notobj[0] must be an object");
  const auto period = in.required_object("period");
  REQUIRE(period.has_value());
  check_error(period->required_date("start"), "period.start", "period.start must be a date (YYYY-MM-DD)");
  check_error(in.required_object("missing"), "missing", "missing is required");
}

TEST_CASE("first_error returns the first failure in order", "[fields]") {
  const auto in_obj = obj(R"({"a":"x","b":1})");
  const FieldReader in{in_obj};
  const auto a = in.required_string("a", 5);
  const auto b = in.required_string("b", 5);
  const auto c = in.required_int("c", 0, 1);
  const auto e = first_error(a, b, c);
  REQUIRE(e.has_value());
  CHECK(e->field == "b");
  CHECK_FALSE(first_error(a).has_value());
}

TEST_CASE("query parameters: decoding, repeats, page, types", "[query]") {
  // A malformed escape fails parse_target as a whole.
  Request broken;
  CHECK_FALSE(parse_target("/goals?bad=%zz", broken).has_value());

  const auto r = request_with_query("/goals?search=big+plan%21&status=active,paused&status=draft&flag=true&n=x&page=2&size=500&d=2025-01-02&h=decade");
  const QueryReader q{r};
  CHECK(r.path == "/goals");
  CHECK(**q.string("search", 50) == "big plan!");
  CHECK(*q.strings("status", 10, 20) == std::vector<std::string>{"active", "paused", "draft"});
  check_error(q.strings("status", 2, 20), "status", "status takes at most 2 values");
  CHECK(*q.enum_values("status", goal_status_text) ==
        std::vector<GoalStatus>{GoalStatus::active, GoalStatus::paused, GoalStatus::draft});
  CHECK(**q.boolean("flag") == true);
  check_error(q.boolean("n"), "n", "n must be true or false");
  check_error(q.integer("n", 0, 5), "n", "n must be an integer");
  check_error(q.enum_value("h", horizon_text), "h", "h must be one of year, quarter, month");
  CHECK(format_date(**q.date("d")) == "2025-01-02");
  check_error(q.date("search"), "search", "search must be a date (YYYY-MM-DD)");
  const auto page = q.page();
  REQUIRE(page.has_value());
  CHECK(page->page == 2);
  CHECK(page->size == 100);  // clamped to the maximum
  CHECK_FALSE(q.string("missing", 5)->has_value());

  const auto zero = request_with_query("/x?page=0");
  check_error(QueryReader{zero}.page(), "page", "page must be 1 or more");
  const auto ten = request_with_query("/x?size=ten");
  check_error(QueryReader{ten}.page(), "size", "size must be an integer");
  const auto plain = request_with_query("/x");
  CHECK(QueryReader{plain}.page()->page == 1);
  CHECK(QueryReader{plain}.page()->size == 20);
  const auto snake_request = request_with_query("/x?owner_id=u1");
  const QueryReader snake{snake_request};
  CHECK(**snake.string({"ownerId", "owner_id"}, 10) == "u1");
}

TEST_CASE("field errors over the wire: 400 naming the field", "[fields][wire]") {
  test::TestServer server{{.prepare = [](app::App& app) {
    app.router().post("/t/goals", [](const Request& request) {
      auto body = parse_body(request);
      if (!body) return error_response(body.error());
      const FieldReader in{*body};
      auto title = in.required_string("title", limits::title);
      auto owner = in.required_string({"ownerId", "owner_id"}, limits::id);
      auto horizon = in.required_enum("horizon", horizon_text);
      auto tags = in.string_array({"valueTags", "value_tags"}, limits::tags, limits::tag);
      auto metadata = in.optional_json_object("metadata");
      if (auto e = first_error(title, owner, horizon, tags, metadata)) return error_response(*e);
      return created(boost::json::object{{"title", *title}, {"tags", tags->size()}});
    });
  }}};
  auto client = server.client();
  const auto token = server.token();

  auto res = client.post("/t/goals", "{not json", token);
  CHECK(res.status == 400);
  CHECK(res.code() == "VALIDATION_ERROR");
  CHECK(res.json().at("error") == "Request body is not valid JSON");

  res = client.post("/t/goals", R"({"title":"T","owner_id":"u","horizon":"decade"})", token);
  CHECK(res.status == 400);
  CHECK(res.field() == "horizon");
  CHECK(res.json().at("error") == "horizon must be one of year, quarter, month");

  res = client.post("/t/goals", R"({"owner_id":"u","horizon":"year"})", token);
  CHECK(res.field() == "title");

  res = client.post("/t/goals", R"({"title":")" + std::string(201, 'x') + R"(","owner_id":"u","horizon":"year"})",
                    token);
  CHECK(res.field() == "title");
  CHECK(res.json().at("error") == "title must be at most 200 characters");

  res = client.post("/t/goals", R"({"title":"T","owner_id":"u","horizon":"year","value_tags":[1]})", token);
  CHECK(res.field() == "value_tags[0]");

  res = client.post("/t/goals", R"({"title":"T","ownerId":"u","horizon":"year","valueTags":["a"]})", token);
  CHECK(res.status == 201);
  CHECK(res.json().at("data").at("tags") == 1);
}
