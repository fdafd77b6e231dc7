#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <random>

#include "traction/ports/id_generator.hpp"

namespace traction::system {

// Time-ordered (version 7, RFC 9562) UUIDs: "tttttttt-tttt-7ccc-yxxx-xxxxxxxxxxxx", 48 bits
// of Unix milliseconds, a 12-bit counter for ids within one millisecond, 62 random bits.
// Ids from one generator sort (as strings) in the order they were made, even when the
// clock steps back; so a new row lands at the end of every id index instead of on a random
// page, which is what keeps a batch of inserts to a few dirty pages. Thread-safe.
class UuidGenerator final : public ports::IdGenerator {
 public:
  using MillisSource = std::function<std::int64_t()>;

  UuidGenerator();
  // For tests: the milliseconds since the Unix epoch come from `now_ms`.
  explicit UuidGenerator(MillisSource now_ms);
  [[nodiscard]] std::string next() override;

 private:
  MillisSource now_ms_;
  std::mutex mutex_;
  std::mt19937_64 engine_;
  std::int64_t last_ms_ = 0;
  std::uint32_t counter_ = 0;
};

}  // namespace traction::system
