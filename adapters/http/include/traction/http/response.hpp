#pragma once
// The response as route handlers build it: no Beast types. The session adds Content-Length,
// Connection and Server.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace traction::http {

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // extra fields
  std::string body;
  // Set instead of `body` when the bytes are shared (an answer the response cache keeps).
  std::shared_ptr<const std::string> shared_body;
  // Logged with the request line, never sent (e.g. the cause of a 500).
  std::string log_detail;

  // The bytes to send, wherever they are kept.
  [[nodiscard]] std::string_view body_text() const noexcept {
    return shared_body ? std::string_view{*shared_body} : std::string_view{body};
  }
  // Moves `body` into `shared_body`: copies of this response then share the bytes.
  void share_body() {
    if (shared_body) return;
    shared_body = std::make_shared<const std::string>(std::move(body));
    body.clear();
  }

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

}  // namespace traction::http
