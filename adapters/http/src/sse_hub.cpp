#include "traction/http/sse_hub.hpp"

#include <algorithm>

#include "sse_subscription.hpp"
#include "traction/http/event_json.hpp"

namespace traction::http {
namespace {

// The frames of `events` for a subscription to goal_id's events (everyone's when null),
// and those frames joined. `frames` holds each event's frame once it was serialized.
FrameBundle bundle_of(std::span<const DomainEvent> events, std::vector<Chunk>& frames,
                      const std::string* goal_id) {
  FrameBundle bundle;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (goal_id != nullptr && events[i].goal_id != *goal_id) continue;
    if (!frames[i]) frames[i] = make_chunk(sse_frame(events[i]));  // once for everyone
    bundle.frames.push_back({events[i].id, frames[i]});
  }
  if (bundle.frames.size() == 1) {
    bundle.joined = bundle.frames.front().chunk;
  } else if (!bundle.frames.empty()) {
    std::string joined;
    std::size_t size = 0;
    for (const auto& frame : bundle.frames) size += frame.chunk->size();
    joined.reserve(size);
    for (const auto& frame : bundle.frames) joined += *frame.chunk;
    bundle.joined = make_chunk(std::move(joined));
  }
  return bundle;
}

}  // namespace

SseHub::SseHub(ReplaySource replay, SseHubOptions options)
    : options_(options), replay_(std::move(replay)) {}

SseHub::~SseHub() = default;

void SseHub::set_replay_source(ReplaySource replay) {
  const std::lock_guard lock(replay_mutex_);
  replay_ = std::move(replay);
}

ReplaySource SseHub::replay_source() const {
  const std::lock_guard lock(replay_mutex_);
  return replay_;
}

void SseHub::publish(const DomainEvent& event) noexcept { publish_all({&event, 1}); }

void SseHub::publish_all(std::span<const DomainEvent> events) noexcept {
  try {
    // A commit's events usually share a tenant; each run of one tenant goes out together.
    for (std::size_t begin = 0; begin < events.size();) {
      std::size_t end = begin + 1;
      while (end < events.size() && events[end].tenant == events[begin].tenant) ++end;
      publish_run(events.subspan(begin, end - begin));
      begin = end;
    }
  } catch (...) {
    // Out of memory: the events are not delivered live; clients replay them on reconnect.
  }
}

void SseHub::publish_run(std::span<const DomainEvent> events) {
  std::vector<std::shared_ptr<SseSubscription>> targets;
  {
    const std::shared_lock lock(mutex_);
    const auto it = by_tenant_.find(events.front().tenant);
    if (it == by_tenant_.end()) return;
    targets = it->second;
  }
  // The frames a subscription wants are joined once per goal filter: a connection gets one
  // chunk (one socket write) per commit.
  std::vector<Chunk> frames(events.size());
  std::unordered_map<std::string_view, FrameBundle> by_goal;  // keys view the subscriptions'
  std::optional<FrameBundle> every;
  for (const auto& subscription : targets) {
    const auto& goal = subscription->goal_filter();
    FrameBundle* bundle = nullptr;
    if (!goal) {
      if (!every) every = bundle_of(events, frames, nullptr);
      bundle = &*every;
    } else {
      auto it = by_goal.find(*goal);
      if (it == by_goal.end()) it = by_goal.emplace(*goal, bundle_of(events, frames, &*goal)).first;
      bundle = &it->second;
    }
    if (!bundle->frames.empty()) subscription->deliver(*bundle);
  }
}

std::shared_ptr<Stream> SseHub::open(std::string tenant, std::optional<std::string> goal_id,
                                     std::optional<std::int64_t> last_event_id) {
  return std::make_shared<SseSubscription>(*this, std::move(tenant), std::move(goal_id),
                                           last_event_id);
}

std::size_t SseHub::subscriber_count() const {
  const std::shared_lock lock(mutex_);
  std::size_t count = 0;
  for (const auto& [tenant, subscriptions] : by_tenant_) count += subscriptions.size();
  return count;
}

void SseHub::subscribe(const std::shared_ptr<SseSubscription>& subscription) {
  const std::unique_lock lock(mutex_);
  by_tenant_[subscription->tenant()].push_back(subscription);
}

void SseHub::unsubscribe(const SseSubscription* subscription) noexcept {
  const std::unique_lock lock(mutex_);
  const auto it = by_tenant_.find(subscription->tenant());
  if (it == by_tenant_.end()) return;
  std::erase_if(it->second, [&](const auto& s) { return s.get() == subscription; });
  if (it->second.empty()) by_tenant_.erase(it);
}

}  // namespace traction::http
