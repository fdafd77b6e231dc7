#include "traction/http/response_cache.hpp"

#include <utility>

namespace traction::http {
namespace {

std::size_t cost_of(std::string_view key, const Response& response) {
  std::size_t bytes = 2 * key.size() + response.body_text().size() + response.content_type.size() + 128;
  for (const auto& [name, value] : response.headers) bytes += name.size() + value.size() + 64;
  return bytes;
}

}  // namespace

ResponseCache::ResponseCache(StampSource stamp, std::size_t budget_bytes)
    : stamp_(std::move(stamp)), budget_(budget_bytes) {}

std::optional<Response> ResponseCache::find(std::string_view key, std::uint64_t stamp) {
  const std::lock_guard lock(mutex_);
  if (stamp == epoch_) {
    if (const auto it = answers_.find(key); it != answers_.end()) {
      ++stats_.hits;
      return it->second;
    }
  }
  ++stats_.misses;
  return std::nullopt;
}

void ResponseCache::store(std::string key, std::uint64_t stamp, const Response& response) {
  const std::size_t cost = cost_of(key, response);
  if (cost > budget_) return;
  const std::lock_guard lock(mutex_);
  if (stamp < epoch_) return;  // made from data older than the answers kept now
  if (stamp > epoch_) {
    // The data changed since the kept answers were made: they are all stale.
    clear_locked();
    epoch_ = stamp;
  }
  if (answers_.contains(key)) return;  // another thread made the same answer meanwhile
  while (bytes_ + cost > budget_ && !order_.empty()) {
    const auto oldest = answers_.find(order_.front());
    if (oldest != answers_.end()) {
      bytes_ -= cost_of(oldest->first, oldest->second);
      answers_.erase(oldest);
    }
    order_.pop_front();
  }
  order_.push_back(key);
  answers_.emplace(std::move(key), response);
  bytes_ += cost;
}

void ResponseCache::clear_locked() {
  answers_.clear();
  order_.clear();
  bytes_ = 0;
}

ResponseCacheStats ResponseCache::stats() const {
  const std::lock_guard lock(mutex_);
  ResponseCacheStats out = stats_;
  out.entries = answers_.size();
  out.bytes = bytes_;
  return out;
}

}  // namespace traction::http
