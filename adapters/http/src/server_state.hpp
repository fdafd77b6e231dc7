#pragma once
// What every connection of one server shares: options, the dispatcher, the worker pool and
// the registry a graceful stop walks. Private to the server's source files.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "net.hpp"
#include "write_lane.hpp"
#include "traction/http/dispatcher.hpp"
#include "traction/http/server.hpp"

namespace traction::http::detail {

// A connection a graceful stop can end.
class Session {
 public:
  virtual ~Session() = default;
  // From any thread: end when idle, or after the response being prepared is written.
  virtual void shutdown() noexcept = 0;
};

class SessionRegistry {
 public:
  // 0 when the server is stopping (the session should end at once).
  std::uint64_t add(std::weak_ptr<Session> session) {
    const std::lock_guard lock(mutex_);
    if (closing_) return 0;
    const auto id = ++next_id_;
    sessions_.emplace(id, std::move(session));
    return id;
  }

  void remove(std::uint64_t id) noexcept {
    if (id == 0) return;
    const std::lock_guard lock(mutex_);
    sessions_.erase(id);
  }

  // Refuses new sessions and asks every live one to end.
  void shutdown_all() noexcept {
    std::vector<std::shared_ptr<Session>> live;
    {
      const std::lock_guard lock(mutex_);
      closing_ = true;
      for (const auto& [id, weak] : sessions_) {
        if (auto session = weak.lock()) live.push_back(std::move(session));
      }
    }
    for (const auto& session : live) session->shutdown();
  }

 private:
  std::mutex mutex_;
  bool closing_ = false;
  std::uint64_t next_id_ = 0;
  std::unordered_map<std::uint64_t, std::weak_ptr<Session>> sessions_;
};

struct ServerState {
  ServerState(const ServerOptions& o, const Dispatcher& d, net::thread_pool& w)
      : options(o), dispatcher(d), workers(w) {}

  const ServerOptions& options;
  const Dispatcher& dispatcher;
  net::thread_pool& workers;
  WriteLane* write_lane = nullptr;  // set: the server's write lane (ServerOptions::write_batches)
  SessionRegistry registry;
};

}  // namespace traction::http::detail
