#include "traction/system/uuid_generator.hpp"

#include <array>
#include <cstdint>

namespace traction::system {

UuidGenerator::UuidGenerator() {
  std::random_device device;
  std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
  engine_.seed(seed);
}

std::string UuidGenerator::next() {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  {
    const std::lock_guard lock(mutex_);
    hi = engine_();
    lo = engine_();
  }
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
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
