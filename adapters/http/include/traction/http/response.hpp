#pragma once
// The response as route handlers build it: no Beast types. The session adds Content-Length,
// Connection and Server.

#include <string>
#include <utility>
#include <vector>

namespace traction::http {

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // extra fields
  std::string body;
  // Logged with the request line, never sent (e.g. the cause of a 500).
  std::string log_detail;

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

}  // namespace traction::http
