#include "traction/system/uuid_generator.hpp"

#include <chrono>
#include <string>
#include <utility>

namespace traction::system {
namespace {

constexpr std::uint32_t counter_limit = 0x1000;  // 12 bits
// A new millisecond starts its counter below this, leaving room for a burst of ids.
constexpr std::uint32_t counter_start_limit = 0x800;

std::int64_t system_millis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

UuidGenerator::UuidGenerator() : UuidGenerator(system_millis) {}

UuidGenerator::UuidGenerator(MillisSource now_ms) : now_ms_(std::move(now_ms)) {
  std::random_device device;
  std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
  engine_.seed(seed);
}

std::string UuidGenerator::next() {
  std::uint64_t ms = 0;
  std::uint64_t counter = 0;
  std::uint64_t random = 0;
  {
    const std::lock_guard lock(mutex_);
    const std::int64_t now = now_ms_();
    if (now > last_ms_) {
      last_ms_ = now;
      counter_ = static_cast<std::uint32_t>(engine_() % counter_start_limit);
    } else if (++counter_ >= counter_limit) {
      // More ids in one millisecond than the counter holds (or the clock stepped back):
      // borrow the next millisecond so the order holds.
      ++last_ms_;
      counter_ = 0;
    }
    ms = static_cast<std::uint64_t>(last_ms_);
    counter = counter_;
    random = engine_();
  }
  const std::uint64_t hi = ((ms & 0xFFFF'FFFF'FFFFULL) << 16) | 0x7000ULL | counter;
  const std::uint64_t lo = (random & 0x3FFF'FFFF'FFFF'FFFFULL) | 0x8000'0000'0000'0000ULL;  // variant 10
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  auto put = [&](std::uint64_t v, int nibbles_from, int nibbles_to) {
    for (int i = nibbles_from; i < nibbles_to; ++i) {
      out.push_back(hex[(v >> (60 - 4 * i)) & 0xF]);
    }
  };
  put(hi, 0, 8);
  out.push_back('-');
  put(hi, 8, 12);
  out.push_back('-');
  put(hi, 12, 16);
  out.push_back('-');
  put(lo, 0, 4);
  out.push_back('-');
  put(lo, 4, 16);
  return out;
}

}  // namespace traction::system
