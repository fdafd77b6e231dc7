#pragma once
// The live feed: the store publishes committed events here; SSE connections subscribe per
// tenant, optionally for one goal. publish() never blocks on a connection: it serializes
// the event once and queues the frame on each matching connection (bounded; one that
// overflows is closed and reconnects with Last-Event-ID).
//
// A subscription that names a last event id replays from the persisted log first, then
// goes live with no event missed or repeated: it subscribes before replaying, buffers live
// events meanwhile, and drops those the replay already sent.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "traction/domain/event.hpp"
#include "traction/error.hpp"
#include "traction/http/stream.hpp"
#include "traction/ports/event_publisher.hpp"

namespace traction::http {

// The tenant's events with id > after_id, oldest first, at most `limit` (EventLog::since).
using ReplaySource = std::function<Result<std::vector<DomainEvent>>(
    std::string_view tenant, std::optional<std::string_view> goal_id, std::int64_t after_id,
    std::size_t limit)>;

struct SseHubOptions {
  std::size_t replay_page = 256;   // events per ReplaySource call
  // Events one connection replays before it is ended (after writing them); the client
  // reconnects from the last id it got and continues, so a long backlog streams in parts.
  std::size_t replay_max = 4096;
  // Live events held while a replay runs; beyond this the connection is closed.
  std::size_t pending_max = 1024;
};

class SseSubscription;

class SseHub final : public ports::EventPublisher {
 public:
  explicit SseHub(ReplaySource replay = {}, SseHubOptions options = {});
  ~SseHub() override;
  SseHub(const SseHub&) = delete;
  SseHub& operator=(const SseHub&) = delete;

  // The store is opened with the hub as its publisher, and the hub replays from the
  // store: set the source once the store exists, before serving.
  void set_replay_source(ReplaySource replay);

  void publish(const DomainEvent& event) noexcept override;
  // A commit's events: each connection gets the frames it wants in one chunk.
  void publish_all(std::span<const DomainEvent> events) noexcept override;

  // A stream of the tenant's events (only goal_id's when given), replaying the events
  // after `last_event_id` first when given. The hub must outlive the stream.
  [[nodiscard]] std::shared_ptr<Stream> open(std::string tenant, std::optional<std::string> goal_id,
                                             std::optional<std::int64_t> last_event_id);

  // Live subscriptions right now.
  [[nodiscard]] std::size_t subscriber_count() const;

 private:
  friend class SseSubscription;
  void publish_run(std::span<const DomainEvent> events);  // all of one tenant
  void subscribe(const std::shared_ptr<SseSubscription>& subscription);
  void unsubscribe(const SseSubscription* subscription) noexcept;
  [[nodiscard]] ReplaySource replay_source() const;
  [[nodiscard]] const SseHubOptions& options() const { return options_; }

  SseHubOptions options_;
  mutable std::mutex replay_mutex_;
  ReplaySource replay_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::vector<std::shared_ptr<SseSubscription>>> by_tenant_;
};

}  // namespace traction::http
