#pragma once
// One SSE connection's subscription to the hub: replay from the event log after a last
// event id, then live events, with nothing missed or repeated at the switch-over.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "traction/domain/event.hpp"
#include "traction/http/stream.hpp"

namespace traction::http {

class SseHub;

struct Frame {
  std::int64_t id = 0;
  Chunk chunk;
};

// The frames of a commit's events that one goal filter wants, ascending by id, and the
// same bytes as one chunk.
struct FrameBundle {
  std::vector<Frame> frames;
  Chunk joined;
};

class SseSubscription final : public Stream, public std::enable_shared_from_this<SseSubscription> {
 public:
  SseSubscription(SseHub& hub, std::string tenant, std::optional<std::string> goal_id,
                  std::optional<std::int64_t> last_event_id);

  void start(const std::shared_ptr<StreamSink>& sink) override;
  void stop() noexcept override;

  // From SseHub::publish_all: the frames of a commit's events this subscription wants.
  void deliver(const FrameBundle& bundle) noexcept;

  [[nodiscard]] const std::string& tenant() const { return tenant_; }
  // The goal whose events it wants; every event of the tenant when empty.
  [[nodiscard]] const std::optional<std::string>& goal_filter() const { return goal_id_; }

 private:
  enum class State { idle, replaying, live, stopped };

  // Replays after last_event_id_; false when the stream ended meanwhile. Fills `replayed`
  // with the ids sent, ascending.
  bool replay(const std::shared_ptr<StreamSink>& sink, std::vector<std::int64_t>& replayed);
  void go_live(const std::shared_ptr<StreamSink>& sink, std::vector<std::int64_t> replayed);
  // The client has event `id`: it is at or before its Last-Event-ID, or the replay sent it.
  // Under mutex_.
  [[nodiscard]] bool client_has(std::int64_t id) const noexcept;

  SseHub& hub_;
  const std::string tenant_;
  const std::optional<std::string> goal_id_;
  const std::optional<std::int64_t> last_event_id_;

  std::mutex mutex_;
  State state_ = State::idle;
  std::weak_ptr<StreamSink> sink_;
  std::vector<std::pair<std::int64_t, Chunk>> pending_;  // live events held during replay
  // The ids the replay sent, ascending. An event committed before the replay read it may be
  // published after the switch to live: it is dropped then too. (At most replay_max ids.)
  std::vector<std::int64_t> replayed_;
};

}  // namespace traction::http
