// The one Error → HTTP mapping, for every ErrorCode; the error body format; JSON output.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <map>
#include <stdexcept>

#include "support/test_server.hpp"
#include "traction/http/errors.hpp"
#include "traction/http/json.hpp"

using namespace traction;
using namespace traction::http;

namespace {

// The statuses of DESIGN.md "Wire conventions". A code missing here fails the first test.
const std::map<ErrorCode, int> expected_status{
    {ErrorCode::validation_error, 400},
    {ErrorCode::invalid_status_transition, 400},
    {ErrorCode::unauthenticated, 401},
    {ErrorCode::insufficient_permissions, 403},
    {ErrorCode::goal_limit_reached, 403},
    {ErrorCode::goal_not_found, 404},
    {ErrorCode::strategy_not_found, 404},
    {ErrorCode::kpi_not_found, 404},
    {ErrorCode::kpi_link_not_found, 404},
    {ErrorCode::action_not_found, 404},
    {ErrorCode::issue_not_found, 404},
    {ErrorCode::issue_type_not_found, 404},
    {ErrorCode::issue_status_not_found, 404},
    {ErrorCode::not_found, 404},
    {ErrorCode::dependency_exists, 409},
    {ErrorCode::version_conflict, 409},
    {ErrorCode::duplicate_name, 409},
    {ErrorCode::duplicate_reading, 409},
    {ErrorCode::payload_too_large, 413},
    {ErrorCode::unavailable, 503},
    {ErrorCode::internal, 500},
};

std::optional<ErrorCode> code_from_name(std::string_view name) {
  for (const auto code : all_error_codes) {
    if (code_name(code) == name) return code;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("http_status maps every error code", "[errors]") {
  for (const auto code : all_error_codes) {
    INFO(code_name(code));
    REQUIRE(expected_status.contains(code));
    CHECK(http_status(code) == expected_status.at(code));
  }
  CHECK(expected_status.size() == std::size(all_error_codes));
}

TEST_CASE("error_response has the spec's body for every code", "[errors]") {
  for (const auto code : all_error_codes) {
    INFO(code_name(code));
    const auto response = error_response(code, "Something specific went wrong");
    CHECK(response.status == http_status(code));
    CHECK(response.content_type == "application/json");
    const auto body = boost::json::parse(response.body).as_object();
    CHECK(body.at("success") == false);
    CHECK(body.at("code").as_string() == code_name(code));
    CHECK_FALSE(body.at("error").as_string().empty());
    CHECK_FALSE(body.contains("field"));
  }
}

TEST_CASE("error_response names the field and hides internal details", "[errors]") {
  auto response = error_response(Error{ErrorCode::validation_error, "title is required", "title"});
  auto body = boost::json::parse(response.body).as_object();
  CHECK(body.at("error") == "title is required");
  CHECK(body.at("field") == "title");

  response = error_response(Error{ErrorCode::internal, "SQLite: disk I/O error at page 7", ""});
  body = boost::json::parse(response.body).as_object();
  CHECK(body.at("error") == "Internal server error");
  CHECK(response.log_detail == "SQLite: disk I/O error at page 7");  // logged, not sent

  response = error_response(Error{ErrorCode::goal_not_found, "", ""});  // never an empty message
  CHECK(boost::json::parse(response.body).at("error") == "GOAL_NOT_FOUND");

  CHECK(error_response(ErrorCode::unauthenticated, "no").headers.at(0).first == "WWW-Authenticate");

  response = detail_error_response(Error{ErrorCode::kpi_not_found, "KPI not found", ""});
  CHECK(response.status == 404);
  CHECK(response.body == R"({"detail":"KPI not found"})");
}

TEST_CASE("json_text writes numbers plainly and JSON-escapes strings", "[json]") {
  boost::json::object o;
  o["int"] = 42;
  o["whole"] = 42.0;
  o["half"] = 42.5;
  o["small"] = 0.1;
  o["inf"] = std::numeric_limits<double>::infinity();
  o["text"] = "quote \" backslash \\ newline \n tab \t bell \x07 é";
  o["list"] = boost::json::array{1, true, nullptr};
  CHECK(json_text(o) ==
        R"({"int":42,"whole":42,"half":42.5,"small":0.1,"inf":null,)"
        R"("text":"quote \" backslash \\ newline \n tab \t bell \u0007 é","list":[1,true,null]})");
  CHECK(boost::json::parse(json_text(o)).at("text") == o.at("text"));
}

TEST_CASE("ok and ok_paged wrap data in the envelope", "[json]") {
  auto response = ok(boost::json::object{{"id", "g1"}}, 201);
  CHECK(response.status == 201);
  CHECK(response.body == R"({"success":true,"data":{"id":"g1"}})");
  response = ok_paged(boost::json::array{1, 2}, page_info(PageRequest{2, 2}, 5));
  CHECK(response.body ==
        R"({"success":true,"data":[1,2],"pagination":{"page":2,"size":2,"total":5,"totalPages":3}})");
}

TEST_CASE("errors over the wire: every code's status and body; a throwing handler is a 500",
          "[errors][wire]") {
  test::TestServer server{{.prepare = [](app::App& app) {
    app.router().get(
        "/t/error/{code}",
        [](const Request& request) {
          const auto code = code_from_name(request.param("code"));
          if (!code) throw std::logic_error("unknown code");
          return error_response(*code, "A test error");
        },
        public_route());
    app.router().get(
        "/t/throw", [](const Request&) -> Response { throw std::runtime_error("boom: secret"); },
        public_route());
  }}};
  auto client = server.client();
  for (const auto code : all_error_codes) {
    INFO(code_name(code));
    const auto res = client.get("/t/error/" + std::string{code_name(code)});
    CHECK(res.status == expected_status.at(code));
    CHECK(res.header("Content-Type") == "application/json");
    CHECK(res.code() == code_name(code));
    CHECK(res.json().at("success") == false);
  }

  const auto res = client.get("/t/throw");
  CHECK(res.status == 500);
  CHECK(res.code() == "INTERNAL_ERROR");
  CHECK(res.body.find("boom") == std::string::npos);  // no exception text, no stack trace
  // The connection survives a throwing handler.
  CHECK(client.get("/health").status == 200);
}
