#pragma once
// Opens an SSE stream on the server under test and reads its events, each read bounded by
// a deadline (tests wait on the stream, never sleep).

#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/http_client.hpp"
#include "support/raw_connection.hpp"

namespace traction::test {

struct SseEvent {
  std::string id;
  std::string event;
  std::string data;
  [[nodiscard]] boost::json::value json() const;
};

class SseReader {
 public:
  static constexpr std::chrono::milliseconds default_timeout{10'000};

  // Sends GET target with the headers and reads the response head (and, for a non-200
  // answer, its body). Throws when no head arrives in time.
  SseReader(std::uint16_t port, std::string_view target, const HeaderList& headers = {});

  [[nodiscard]] int status() const { return status_; }
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
  // The body of a non-200 answer.
  [[nodiscard]] const std::string& body() const { return body_; }

  // The next event (comments are collected, not returned); nullopt on timeout or close.
  [[nodiscard]] std::optional<SseEvent> next_event(std::chrono::milliseconds timeout = default_timeout);
  // Reads until a comment with this text arrives; false on timeout or close.
  [[nodiscard]] bool wait_for_comment(std::string_view text,
                                      std::chrono::milliseconds timeout = default_timeout);
  // True when the server closes the stream before the deadline (events read meanwhile are
  // kept and returned by next_event later).
  [[nodiscard]] bool wait_closed(std::chrono::milliseconds timeout = default_timeout);

  [[nodiscard]] const std::vector<std::string>& comments() const { return comments_; }
  void close() { connection_.close(); }

 private:
  // Parses complete blocks out of buffer_ into events_/comments_.
  void parse_blocks();
  // Reads more; false on timeout or close.
  bool read_more(std::chrono::steady_clock::time_point deadline);

  RawConnection connection_;
  int status_ = 0;
  HeaderList headers_;
  std::string body_;
  std::string buffer_;
  std::vector<SseEvent> events_;
  std::size_t next_ = 0;
  std::vector<std::string> comments_;
};

}  // namespace traction::test
