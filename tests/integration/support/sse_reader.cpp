#include "support/sse_reader.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace traction::test {
namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return std::string{s};
}

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

boost::json::value SseEvent::json() const { return boost::json::parse(data); }

SseReader::SseReader(std::uint16_t port, std::string_view target, const HeaderList& headers)
    : connection_(port) {
  std::string request = "GET " + std::string{target} + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  request += "Accept: text/event-stream\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "\r\n";
  connection_.send(request);

  if (!connection_.read_until(buffer_, "\r\n\r\n", default_timeout)) {
    throw std::runtime_error("no response head from the server");
  }
  const auto head_end = buffer_.find("\r\n\r\n");
  const std::string head = buffer_.substr(0, head_end);
  buffer_.erase(0, head_end + 4);

  // "HTTP/1.1 200 OK"
  const auto space = head.find(' ');
  status_ = std::stoi(head.substr(space + 1, 3));
  std::size_t pos = head.find("\r\n");
  while (pos != std::string::npos) {
    const auto next = head.find("\r\n", pos + 2);
    const auto line = head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
    const auto colon = line.find(':');
    if (colon != std::string::npos) headers_.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
    pos = next;
  }
  if (status_ == 200) {
    parse_blocks();
    return;
  }
  const auto length = header("Content-Length");
  const std::size_t size = length ? static_cast<std::size_t>(std::stoul(*length)) : 0;
  const auto deadline = std::chrono::steady_clock::now() + default_timeout;
  while (buffer_.size() < size && read_more(deadline)) {
  }
  body_ = buffer_.substr(0, size);
  buffer_.clear();
}

std::optional<std::string> SseReader::header(std::string_view name) const {
  for (const auto& [n, v] : headers_) {
    if (iequal(n, name)) return v;
  }
  return std::nullopt;
}

bool SseReader::read_more(std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  auto chunk = connection_.read_some(left);
  if (!chunk || chunk->empty()) return false;
  buffer_ += *chunk;
  return true;
}

void SseReader::parse_blocks() {
  while (true) {
    const auto end = buffer_.find("\n\n");
    if (end == std::string::npos) return;
    const std::string block = buffer_.substr(0, end);
    buffer_.erase(0, end + 2);
    SseEvent event;
    bool has_field = false;
    std::size_t pos = 0;
    while (pos <= block.size()) {
      const auto nl = block.find('\n', pos);
      const std::string line = block.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      pos = nl == std::string::npos ? block.size() + 1 : nl + 1;
      if (line.empty()) continue;
      if (line.front() == ':') {
        comments_.push_back(trim(line.substr(1)));
        continue;
      }
      const auto colon = line.find(':');
      const std::string name = line.substr(0, colon);
      std::string value = colon == std::string::npos ? std::string{} : line.substr(colon + 1);
      if (!value.empty() && value.front() == ' ') value.erase(0, 1);
      has_field = true;
      if (name == "id") event.id = value;
      else if (name == "event") event.event = value;
      else if (name == "data") event.data += event.data.empty() ? value : "\n" + value;
    }
    if (has_field) events_.push_back(std::move(event));
  }
}

std::optional<SseEvent> SseReader::next_event(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (next_ >= events_.size()) {
    if (!read_more(deadline)) return std::nullopt;
    parse_blocks();
  }
  return events_[next_++];
}

bool SseReader::wait_for_comment(std::string_view text, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::find(comments_.begin(), comments_.end(), text) == comments_.end()) {
    if (!read_more(deadline)) return false;
    parse_blocks();
  }
  return true;
}

bool SseReader::wait_closed(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    auto chunk = connection_.read_some(left);
    if (!chunk) return false;
    if (chunk->empty()) return true;
    buffer_ += *chunk;
    parse_blocks();
  }
}

}  // namespace traction::test
