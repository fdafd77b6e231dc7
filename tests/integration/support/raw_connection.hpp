#pragma once
// A bare TCP connection to the server under test, for what a well-behaved client cannot
// do: half-sent headers, malformed requests, SSE streams. Every read has a deadline.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace traction::test {

class RawConnection {
 public:
  // Connects to 127.0.0.1:port; throws std::runtime_error when it cannot.
  explicit RawConnection(std::uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  RawConnection(RawConnection&&) noexcept;
  RawConnection& operator=(RawConnection&&) noexcept;

  // Throws when the write fails.
  void send(std::string_view bytes);
  // Bytes that arrived within `timeout`: nullopt when none did, "" when the peer closed.
  [[nodiscard]] std::optional<std::string> read_some(std::chrono::milliseconds timeout);
  // Appends everything until the peer closes; false when `timeout` passed first.
  [[nodiscard]] bool read_until_closed(std::string& out, std::chrono::milliseconds timeout);
  // Appends until `out` contains `marker`; false on timeout or close.
  [[nodiscard]] bool read_until(std::string& out, std::string_view marker,
                                std::chrono::milliseconds timeout);
  [[nodiscard]] bool closed() const;
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace traction::test
