#pragma once
// The HTTP/1.1 server: an io_context run by N threads, keep-alive, a body limit, header /
// body / idle timeouts, and a graceful stop that lets in-flight requests finish and answer.
// Handlers run on a separate worker pool (they block on the store), never on io threads;
// with ServerOptions::write_batches, those of writes run on the write lane.
// Beast and Asio stay behind the pimpl.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "traction/error.hpp"
#include "traction/http/dispatcher.hpp"
#include "traction/http/logger.hpp"
#include "traction/http/metrics.hpp"

namespace traction::http {

// Runs unit(0) … unit(count - 1) on the calling thread as one batch of writes and returns
// the batch's commit (a store's ports::Store::write_batch).
using WriteBatches = std::function<Status(std::size_t count, const std::function<void(std::size_t)>& unit)>;

struct ServerOptions {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8002;  // 0: any free port (start() returns it)
  unsigned threads = 0;       // io threads; 0: the hardware threads
  unsigned worker_threads = 0;  // handler pool; 0: max(4, hardware threads)
  std::size_t body_limit = 1024 * 1024;
  std::size_t header_limit = 16 * 1024;
  std::chrono::milliseconds header_timeout{10'000};  // first byte to end of headers
  std::chrono::milliseconds body_timeout{30'000};    // end of headers to end of body
  std::chrono::milliseconds idle_timeout{60'000};    // keep-alive wait for the next request
  std::chrono::milliseconds write_timeout{30'000};   // one response (or SSE chunk) write
  std::chrono::milliseconds sse_heartbeat{15'000};   // ": heartbeat" comment interval
  std::size_t sse_queue_limit = 1024;                // chunks queued per SSE connection
  // Set: requests that change data (POST, PUT, PATCH, DELETE) run on one write-lane thread
  // instead of the worker pool, those that arrived meanwhile gathered into one batch (up
  // to write_batch_limit) run through this; a failed commit answers each of the batch's
  // would-be successes with the error. Unset: they run on the worker pool.
  WriteBatches write_batches;
  std::size_t write_batch_limit = 256;
};

class Server {
 public:
  Server(ServerOptions options, const Dispatcher& dispatcher);
  // stop() and wait().
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads; returns the bound port. Call once.
  [[nodiscard]] Result<std::uint16_t> start();
  // Graceful stop, from any thread (a signal handler's too), any number of times; returns
  // at once. Stops accepting, closes idle keep-alive connections and SSE streams, lets
  // requests being read or handled finish and answer (with Connection: close).
  void stop() noexcept;
  // Blocks until a stop completed: every connection closed, every thread joined.
  void wait();

  [[nodiscard]] std::uint16_t port() const noexcept;
  [[nodiscard]] const ServerOptions& options() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace traction::http
