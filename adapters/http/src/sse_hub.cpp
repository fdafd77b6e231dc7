#include "traction/http/sse_hub.hpp"

#include <algorithm>

#include "sse_subscription.hpp"
#include "traction/http/event_json.hpp"

namespace traction::http {

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

void SseHub::publish(const DomainEvent& event) noexcept {
  try {
    std::vector<std::shared_ptr<SseSubscription>> targets;
    {
      const std::shared_lock lock(mutex_);
      const auto it = by_tenant_.find(event.tenant);
      if (it == by_tenant_.end()) return;
      for (const auto& subscription : it->second) {
        if (subscription->wants(event)) targets.push_back(subscription);
      }
    }
    if (targets.empty()) return;
    const Chunk frame = make_chunk(sse_frame(event));  // serialized once for everyone
    for (const auto& subscription : targets) subscription->deliver(event.id, frame);
  } catch (...) {
    // Out of memory: the event is not delivered live; clients replay it on reconnect.
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
