#include "traction/http/json.hpp"

#include <boost/json/parse.hpp>

#include <array>
#include <charconv>
#include <cmath>

namespace traction::http {
namespace {

void append_number(std::string& out, double x) {
  if (!std::isfinite(x)) {
    out += "null";
    return;
  }
  std::array<char, 32> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x);
  if (ec != std::errc{}) {
    out += "null";
    return;
  }
  out.append(buffer.data(), end);
}

template <class Int>
void append_integer(std::string& out, Int x) {
  std::array<char, 24> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x);
  (void)ec;  // 24 characters hold every 64-bit integer
  out.append(buffer.data(), end);
}

void append_value(std::string& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: out += "null"; return;
    case boost::json::kind::bool_: out += value.get_bool() ? "true" : "false"; return;
    case boost::json::kind::int64: append_integer(out, value.get_int64()); return;
    case boost::json::kind::uint64: append_integer(out, value.get_uint64()); return;
    case boost::json::kind::double_: append_number(out, value.get_double()); return;
    case boost::json::kind::string: {
      const auto& s = value.get_string();
      append_json_string(out, std::string_view{s.data(), s.size()});
      return;
    }
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value.get_array()) {
        if (!first) out += ',';
        first = false;
        append_value(out, item);
      }
      out += ']';
      return;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& member : value.get_object()) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, std::string_view{member.key().data(), member.key().size()});
        out += ':';
        append_value(out, member.value());
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  // Runs of characters that need no escape are appended whole.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (u >= 0x20 && u != '"' && u != '\\') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (u) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      default: break;
    }
    out += "\\u00";
    out += hex[u >> 4];
    out += hex[u & 0x0f];
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

std::string json_text(const boost::json::value& value) {
  std::string out;
  out.reserve(256);
  append_value(out, value);
  return out;
}

Response json_response(int status, const boost::json::value& body) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = json_text(body);
  return response;
}

// The envelope is written around the data's text: the data's DOM is never copied.
Response ok(const boost::json::value& data, int status) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body.reserve(1024);
  response.body = R"({"success":true,"data":)";
  append_value(response.body, data);
  response.body += '}';
  return response;
}

boost::json::object pagination_json(const PageInfo& page) {
  boost::json::object out;
  out["page"] = page.page;
  out["size"] = page.size;
  out["total"] = page.total;
  out["totalPages"] = page.total_pages;
  return out;
}

Response ok_paged(const boost::json::value& items, const PageInfo& page) {
  Response response = ok(items, 200);
  response.body.pop_back();  // the envelope's closing brace
  response.body += R"(,"pagination":)";
  append_value(response.body, pagination_json(page));
  response.body += '}';
  return response;
}

boost::json::value json_timestamp(Timestamp t) { return boost::json::value(format_timestamp(t)); }

boost::json::value json_date(Date d) { return boost::json::value(format_date(d)); }

boost::json::value json_optional_timestamp(const std::optional<Timestamp>& t) {
  if (!t) return nullptr;
  return json_timestamp(*t);
}

boost::json::value json_optional_date(const std::optional<Date>& d) {
  if (!d) return nullptr;
  return json_date(*d);
}

boost::json::value json_optional_string(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return boost::json::value(*s);
}

boost::json::value json_from_text(std::string_view text) {
  boost::json::error_code ec;
  auto value = boost::json::parse(boost::json::string_view{text.data(), text.size()}, ec);
  if (ec) return boost::json::object{};
  return value;
}

}  // namespace traction::http
