#pragma once
// JSON out: the success envelope {"success":true,"data":...} (lists add "pagination"), and a
// serializer that writes numbers the way clients expect ("42", "42.5"; Boost.JSON's own
// would write "4.2E1") and non-finite numbers as null.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "traction/domain/page.hpp"
#include "traction/error.hpp"
#include "traction/http/errors.hpp"
#include "traction/http/response.hpp"
#include "traction/time.hpp"

namespace traction::http {

// Compact JSON text.
[[nodiscard]] std::string json_text(const boost::json::value& value);
// Appends the JSON string literal of `text` (quoted and escaped) to `out`.
void append_json_string(std::string& out, std::string_view text);

// `body` as is (no envelope), for the FastAPI façades and anything else bare.
[[nodiscard]] Response json_response(int status, const boost::json::value& body);

// {"success":true,"data":data}
[[nodiscard]] Response ok(const boost::json::value& data, int status = 200);
// {"success":true,"data":items,"pagination":{"page","size","total","totalPages"}}
[[nodiscard]] Response ok_paged(const boost::json::value& items, const PageInfo& page);
[[nodiscard]] inline Response created(const boost::json::value& data) { return ok(data, 201); }

[[nodiscard]] boost::json::object pagination_json(const PageInfo& page);

// Value helpers for response mappers.
[[nodiscard]] boost::json::value json_timestamp(Timestamp t);  // "2025-01-15T10:00:00.000Z"
[[nodiscard]] boost::json::value json_date(Date d);             // "2025-01-15"
[[nodiscard]] boost::json::value json_optional_timestamp(const std::optional<Timestamp>& t);
[[nodiscard]] boost::json::value json_optional_date(const std::optional<Date>& d);
[[nodiscard]] boost::json::value json_optional_string(const std::optional<std::string>& s);
// A stored serialized JSON text (e.g. metadata) as a value; an unparsable text becomes {}.
[[nodiscard]] boost::json::value json_from_text(std::string_view text);

// A use case's result: the error response, or ok(to_json(value), status).
template <class T, class F>
[[nodiscard]] Response respond(const Result<T>& result, F&& to_json, int status = 200) {
  if (!result) return error_response(result.error());
  return ok(to_json(*result), status);
}

}  // namespace traction::http
