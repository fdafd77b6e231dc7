#pragma once
// One SSE connection: writes the response head, then every chunk its Stream pushes (a
// bounded queue; overflow closes the connection), a heartbeat comment on an interval, and
// ends when the client goes away, the stream finishes, or the server stops.

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "net.hpp"
#include "server_state.hpp"
#include "traction/http/response.hpp"
#include "traction/http/stream.hpp"

namespace traction::http::detail {

class SseSession final : public Session,
                         public StreamSink,
                         public std::enable_shared_from_this<SseSession> {
 public:
  SseSession(beast::tcp_stream&& stream, ServerState& state, Response head,
             std::shared_ptr<Stream> source);
  ~SseSession() override;
  SseSession(const SseSession&) = delete;
  SseSession& operator=(const SseSession&) = delete;

  void run();

  bool push(Chunk chunk) override;
  void finish() override;
  void abort() override;
  void shutdown() noexcept override;

 private:
  enum class State { open, finishing, closed };

  void post_close();
  void do_write();
  void write_rest(std::size_t written);  // of buffers_, asynchronously
  void on_write(error_code ec);
  void do_heartbeat();
  void do_read();
  void do_close();

  beast::tcp_stream stream_;
  ServerState& state_;
  std::shared_ptr<Stream> source_;
  net::steady_timer heartbeat_;
  std::array<char, 512> scratch_{};
  std::uint64_t registry_id_ = 0;
  bool opened_ = false;  // counted in the connections gauge
  bool done_ = false;    // strand only

  std::mutex mutex_;
  State state_flag_ = State::open;
  bool writing_ = false;
  std::deque<Chunk> queue_;
  std::vector<Chunk> in_flight_;  // strand only: the chunks of the write under way
  std::vector<net::const_buffer> buffers_;  // strand only: in_flight_'s bytes not yet written
};

}  // namespace traction::http::detail
