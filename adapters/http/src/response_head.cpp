#include "response_head.hpp"

#include <boost/beast/http/status.hpp>

#include <charconv>
#include <iterator>
#include <string_view>

#include "traction/http/health_routes.hpp"

namespace traction::http::detail {
namespace {

void append_number(std::string& out, std::size_t value) {
  char digits[24];
  const auto end = std::to_chars(std::begin(digits), std::end(digits), value).ptr;
  out.append(digits, end);
}

void append_clean(std::string& out, std::string_view text) {
  const auto start = out.size();
  out += text;
  for (auto at = out.find_first_of("\r\n", start); at != std::string::npos; at = out.find_first_of("\r\n", at + 1)) {
    out[at] = ' ';
  }
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  append_clean(out, name);
  out += ": ";
  append_clean(out, value);
  out += "\r\n";
}

}  // namespace

bool bodiless_status(int status) noexcept { return (status >= 100 && status < 200) || status == 204 || status == 304; }

void write_response_head(std::string& out, unsigned version, const Response& response,
                         std::optional<std::size_t> body_size, bool keep_alive) {
  static const std::string server_field = "Server: traction/" + server_version() + "\r\n";
  const bool http10 = version == 10;
  out.clear();
  out += http10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  append_number(out, static_cast<std::size_t>(response.status));
  out += ' ';
  const auto reason = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(response.status));
  out.append(reason.data(), reason.size());
  out += "\r\n";
  out += server_field;
  if (!response.content_type.empty()) append_field(out, "Content-Type", response.content_type);
  for (const auto& [name, value] : response.headers) append_field(out, name, value);
  if (body_size && !bodiless_status(response.status)) {
    out += "Content-Length: ";
    append_number(out, *body_size);
    out += "\r\n";
  }
  if (!http10 && !keep_alive) out += "Connection: close\r\n";
  if (http10 && keep_alive) out += "Connection: keep-alive\r\n";
  out += "\r\n";
}

}  // namespace traction::http::detail
