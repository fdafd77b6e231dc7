#pragma once
// A small synchronous HTTP/1.1 client (Beast) for the server under test. It keeps its
// connection between requests (keep-alive) and reconnects after the server closed it.

#include <boost/json/value.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace traction::test {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;
  HeaderList headers;
  std::string body;
  bool keep_alive = false;

  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
  // The body as JSON; throws when it is not JSON.
  [[nodiscard]] boost::json::value json() const;
  // json().at("code") as a string, or "" when the body has none.
  [[nodiscard]] std::string code() const;
  [[nodiscard]] std::string field() const;
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port,
                      std::chrono::milliseconds timeout = std::chrono::seconds{10});
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;

  // Throws std::runtime_error on a network failure or timeout.
  HttpResponse request(std::string_view method, std::string_view target, std::string body = {},
                       const HeaderList& headers = {});
  HttpResponse get(std::string_view target, std::string_view token = {});
  HttpResponse post(std::string_view target, std::string body, std::string_view token = {});

  // TCP connections this client opened so far.
  [[nodiscard]] std::size_t connections_opened() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "Bearer <token>" as a header list.
[[nodiscard]] HeaderList bearer(std::string_view token);

}  // namespace traction::test
