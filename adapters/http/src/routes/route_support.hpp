#pragma once
// Small helpers shared by the route modules.

#include <boost/json/value_from.hpp>

#include <utility>

#include "traction/http/errors.hpp"
#include "traction/http/field_reader.hpp"
#include "traction/http/json.hpp"
#include "traction/http/query_reader.hpp"
#include "traction/http/request.hpp"

namespace traction::http {

// The caller of an authenticated route.
[[nodiscard]] inline const AuthContext& actor(const Request& request) { return *request.auth; }

// Answers a use case's result: the error, or {"success":true,"data":value_from(result)}.
template <class T>
[[nodiscard]] Response reply(const Result<T>& result, int status = 200) {
  if (!result) return error_response(result.error());
  return ok(boost::json::value_from(*result), status);
}

// Answers a page of a use case: the error, or the items with their pagination.
template <class T>
[[nodiscard]] Response reply_page(const Result<Page<T>>& result, const PageRequest& request) {
  if (!result) return error_response(result.error());
  boost::json::array items;
  items.reserve(result->items.size());
  for (const auto& item : result->items) items.push_back(boost::json::value_from(item));
  return ok_paged(items, page_info(request, result->total));
}

// Reads the body with `read` (a function of FieldReader), then runs `use` on what it read.
template <class Read, class Use>
[[nodiscard]] Response with_body(const Request& request, Read&& read, Use&& use, bool body_optional = false) {
  auto body = body_optional ? parse_optional_body(request) : parse_body(request);
  if (!body) return error_response(body.error());
  FieldReader in{*body};
  auto parsed = read(in);
  if (!parsed) return error_response(parsed.error());
  return use(std::move(*parsed));
}

}  // namespace traction::http
