#include "sse_subscription.hpp"

#include <algorithm>

#include "traction/http/event_json.hpp"
#include "traction/http/sse_hub.hpp"

namespace traction::http {

SseSubscription::SseSubscription(SseHub& hub, std::string tenant,
                                 std::optional<std::string> goal_id,
                                 std::optional<std::int64_t> last_event_id)
    : hub_(hub),
      tenant_(std::move(tenant)),
      goal_id_(std::move(goal_id)),
      last_event_id_(last_event_id) {}

void SseSubscription::start(const std::shared_ptr<StreamSink>& sink) {
  {
    // Subscribing under the lock: a stop() that ran first is seen here, one that runs later
    // unsubscribes after this subscribe.
    const std::lock_guard lock(mutex_);
    if (state_ != State::idle) return;
    sink_ = sink;
    state_ = last_event_id_ ? State::replaying : State::live;
    hub_.subscribe(shared_from_this());
  }
  if (!last_event_id_) return;

  std::vector<std::int64_t> replayed;
  if (!replay(sink, replayed)) return;
  go_live(sink, std::move(replayed));
}

bool SseSubscription::replay(const std::shared_ptr<StreamSink>& sink,
                             std::vector<std::int64_t>& replayed) {
  const auto source = hub_.replay_source();
  if (!source) return true;
  const auto& options = hub_.options();
  const std::optional<std::string_view> goal =
      goal_id_ ? std::optional<std::string_view>{*goal_id_} : std::nullopt;
  std::int64_t after = *last_event_id_;
  while (true) {
    {
      const std::lock_guard lock(mutex_);
      if (state_ == State::stopped) return false;
    }
    auto page = source(tenant_, goal, after, options.replay_page);
    if (!page) {
      sink->abort();  // the client reconnects and tries again
      stop();
      return false;
    }
    for (const auto& event : *page) {
      if (event.id <= after) continue;  // a source that repeats itself
      if (!sink->push(make_chunk(sse_frame(event)))) {
        stop();
        return false;
      }
      replayed.push_back(event.id);
      after = event.id;
    }
    if (page->size() < options.replay_page) return true;
    if (replayed.size() >= options.replay_max) {
      // A long backlog: end this connection once it is written; the client reconnects
      // from the last id it received and the replay continues there.
      sink->finish();
      stop();
      return false;
    }
  }
}

void SseSubscription::go_live(const std::shared_ptr<StreamSink>& sink,
                              std::vector<std::int64_t> replayed) {
  std::sort(replayed.begin(), replayed.end());
  bool failed = false;
  {
    const std::lock_guard lock(mutex_);
    if (state_ != State::replaying) return;
    replayed_ = std::move(replayed);
    for (const auto& [id, frame] : pending_) {
      if (client_has(id)) continue;
      if (!sink->push(frame)) {
        failed = true;
        break;
      }
    }
    pending_.clear();
    pending_.shrink_to_fit();
    if (!failed) state_ = State::live;
  }
  if (failed) stop();
}

void SseSubscription::deliver(const FrameBundle& bundle) noexcept {
  std::shared_ptr<StreamSink> overflowed;
  {
    const std::lock_guard lock(mutex_);
    switch (state_) {
      case State::idle:
      case State::stopped: return;
      case State::replaying:
        if (pending_.size() + bundle.frames.size() <= hub_.options().pending_max) {
          try {
            for (const auto& frame : bundle.frames) pending_.emplace_back(frame.id, frame.chunk);
            return;
          } catch (...) {
          }
        }
        overflowed = sink_.lock();
        break;
      case State::live: {
        const auto sink = sink_.lock();
        if (!sink) return;
        // One chunk, unless the client has one of its events already.
        if (std::none_of(bundle.frames.begin(), bundle.frames.end(),
                         [&](const Frame& frame) { return client_has(frame.id); })) {
          sink->push(bundle.joined);  // a full queue closes the connection itself
          return;
        }
        for (const auto& frame : bundle.frames) {
          if (!client_has(frame.id) && !sink->push(frame.chunk)) return;
        }
        return;
      }
    }
  }
  if (overflowed) overflowed->abort();
  stop();
}

bool SseSubscription::client_has(std::int64_t id) const noexcept {
  return (last_event_id_ && id <= *last_event_id_) ||
         std::binary_search(replayed_.begin(), replayed_.end(), id);
}

void SseSubscription::stop() noexcept {
  {
    const std::lock_guard lock(mutex_);
    if (state_ == State::stopped) return;
    const bool subscribed = state_ != State::idle;
    state_ = State::stopped;
    pending_.clear();
    sink_.reset();
    if (!subscribed) return;
  }
  hub_.unsubscribe(this);
}

}  // namespace traction::http
