#pragma once
// Answers of cacheable routes (RouteOptions::cacheable), kept while the stored data has not
// changed. Each answer is filed under the caller (tenant, user, role) and the request
// target, with the store's data stamp read before the handler ran; it is served only while
// the stamp is still the same — any committed write, by this server or another process
// sharing the database, makes every answer stale at once. Bounded by a byte budget: past
// it the oldest answers go first. Thread-safe.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "traction/http/response.hpp"

namespace traction::http {

struct ResponseCacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::size_t entries = 0;
  std::size_t bytes = 0;
};

class ResponseCache {
 public:
  // ports::Store::data_stamp(): grows with every commit, never goes back.
  using StampSource = std::function<std::uint64_t()>;

  ResponseCache(StampSource stamp, std::size_t budget_bytes);

  // The data stamp now: read it before running the handler whose answer store() files.
  [[nodiscard]] std::uint64_t stamp() const { return stamp_(); }

  // The answer filed under `key` when it was made at data stamp `stamp`.
  [[nodiscard]] std::optional<Response> find(std::string_view key, std::uint64_t stamp);
  // Files `response` (made from data read after the stamp was `stamp`) under `key`. An
  // answer larger than the whole budget is not kept.
  void store(std::string key, std::uint64_t stamp, const Response& response);

  [[nodiscard]] ResponseCacheStats stats() const;

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  void clear_locked();

  StampSource stamp_;
  std::size_t budget_;
  mutable std::mutex mutex_;
  std::uint64_t epoch_ = 0;  // the stamp every kept answer was made at
  std::unordered_map<std::string, Response, StringHash, std::equal_to<>> answers_;
  std::deque<std::string> order_;  // keys, oldest first
  std::size_t bytes_ = 0;
  ResponseCacheStats stats_;
};

}  // namespace traction::http
