#pragma once
// The request as route handlers see it: no Beast types. The session fills method, target,
// headers and body; the dispatcher splits the target (path, decoded query), matches the
// route (path params) and authenticates (auth).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "traction/auth.hpp"
#include "traction/error.hpp"
#include "traction/http/method.hpp"

namespace traction::http {

using NameValue = std::pair<std::string, std::string>;

// Header fields in arrival order; names compare case-insensitively.
class Headers {
 public:
  void add(std::string name, std::string value);
  // The first field of that name.
  [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return get(name).has_value(); }
  [[nodiscard]] const std::vector<NameValue>& items() const { return items_; }

 private:
  std::vector<NameValue> items_;
};

// Decoded query parameters in order; a name may repeat (`?status=a&status=b`).
class QueryParams {
 public:
  void add(std::string name, std::string value);
  // The first value of that name.
  [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;
  // Every value of that name, in order.
  [[nodiscard]] std::vector<std::string_view> all(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return get(name).has_value(); }
  [[nodiscard]] const std::vector<NameValue>& items() const { return items_; }

 private:
  std::vector<NameValue> items_;
};

// `{name}` segments of the matched pattern, percent-decoded.
class PathParams {
 public:
  void set(std::string name, std::string value);
  // Empty when the pattern has no such parameter.
  [[nodiscard]] std::string_view get(std::string_view name) const;
  [[nodiscard]] const std::vector<NameValue>& items() const { return items_; }

 private:
  std::vector<NameValue> items_;
};

struct Request {
  Method method = Method::get;
  std::string method_name;  // as sent, e.g. "GET" (for logs when method is `other`)
  std::string target;       // as sent: path and query
  std::string path;         // the target without its query, not decoded
  QueryParams query;
  PathParams params;
  Headers headers;
  std::string body;
  std::optional<AuthContext> auth;  // set on authenticated routes
  std::string route;                // the matched pattern, e.g. "/goals/{id}:close"

  [[nodiscard]] std::string_view param(std::string_view name) const { return params.get(name); }
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const {
    return headers.get(name);
  }
  // The caller; throws std::logic_error on a public route (a programming error the
  // dispatcher turns into a 500).
  [[nodiscard]] const AuthContext& user() const;
};

// Splits `target` into out.path and out.query (decoded: %XX and '+' as space). Fails with
// VALIDATION_ERROR on a target that is not origin-form or has a malformed escape.
[[nodiscard]] Status parse_target(std::string_view target, Request& out);

// %XX decoding; '+' becomes a space when plus_is_space. nullopt on a malformed escape.
[[nodiscard]] std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// ASCII case-insensitive equality (header names, auth schemes).
[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;

}  // namespace traction::http
