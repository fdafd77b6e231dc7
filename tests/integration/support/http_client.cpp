#include "support/http_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>

#include <cctype>
#include <stdexcept>

namespace traction::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto x = static_cast<unsigned char>(a[i]);
    const auto y = static_cast<unsigned char>(b[i]);
    if (std::tolower(x) != std::tolower(y)) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (iequal(n, name)) return v;
  }
  return std::nullopt;
}

boost::json::value HttpResponse::json() const { return boost::json::parse(body); }

std::string HttpResponse::code() const {
  const auto value = json();
  if (!value.is_object()) return {};
  const auto* code = value.as_object().if_contains("code");
  if (code == nullptr || !code->is_string()) return {};
  return std::string{code->as_string()};
}

std::string HttpResponse::field() const {
  const auto value = json();
  if (!value.is_object()) return {};
  const auto* field = value.as_object().if_contains("field");
  if (field == nullptr || !field->is_string()) return {};
  return std::string{field->as_string()};
}

HeaderList bearer(std::string_view token) {
  return {{"Authorization", "Bearer " + std::string{token}}};
}

struct HttpClient::Impl {
  std::uint16_t port = 0;
  std::chrono::milliseconds timeout{};
  net::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  std::size_t connections = 0;

  // Runs one async operation to completion; throws on error.
  template <class Start>
  void run(const char* what, Start start) {
    beast::error_code result;
    bool done = false;
    stream->expires_after(timeout);
    start([&](beast::error_code ec, auto&&...) {
      result = ec;
      done = true;
    });
    ioc.restart();
    ioc.run();
    if (!done || result) {
      stream.reset();
      throw std::runtime_error(std::string{what} + " failed: " + result.message());
    }
  }

  void connect() {
    stream.emplace(ioc);
    buffer.clear();
    const tcp::endpoint endpoint{net::ip::make_address("127.0.0.1"), port};
    run("connect", [&](auto handler) { stream->async_connect(endpoint, handler); });
    ++connections;
  }
};

HttpClient::HttpClient(std::uint16_t port, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
  impl_->port = port;
  impl_->timeout = timeout;
}

HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

HttpResponse HttpClient::request(std::string_view method, std::string_view target,
                                 std::string body, const HeaderList& headers) {
  if (!impl_->stream) impl_->connect();

  bhttp::request<bhttp::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, "127.0.0.1");
  bool has_content_type = false;
  for (const auto& [name, value] : headers) {
    req.insert(name, value);
    has_content_type = has_content_type || iequal(name, "Content-Type");
  }
  if (!body.empty() && !has_content_type) req.set(bhttp::field::content_type, "application/json");
  req.body() = std::move(body);
  req.prepare_payload();
  impl_->run("write", [&](auto handler) { bhttp::async_write(*impl_->stream, req, handler); });

  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  impl_->run("read", [&](auto handler) {
    bhttp::async_read(*impl_->stream, impl_->buffer, parser, handler);
  });
  auto res = parser.release();

  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    out.headers.emplace_back(std::string{field.name_string()}, std::string{field.value()});
  }
  out.body = std::move(res.body());
  out.keep_alive = res.keep_alive();
  if (!out.keep_alive) impl_->stream.reset();  // the server closes it
  return out;
}

HttpResponse HttpClient::get(std::string_view target, std::string_view token) {
  return request("GET", target, {}, token.empty() ? HeaderList{} : bearer(token));
}

HttpResponse HttpClient::post(std::string_view target, std::string body, std::string_view token) {
  return request("POST", target, std::move(body), token.empty() ? HeaderList{} : bearer(token));
}

std::size_t HttpClient::connections_opened() const { return impl_->connections; }

}  // namespace traction::test
