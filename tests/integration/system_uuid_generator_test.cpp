// The system adapter's id generator: version-7 UUIDs that sort in the order they were made.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "traction/system/uuid_generator.hpp"

using traction::system::UuidGenerator;

namespace {

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

bool is_v7(const std::string& id) {
  if (id.size() != 36) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? id[i] != '-' : !is_hex(id[i])) return false;
  }
  const char variant = id[19];
  return id[14] == '7' && (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
}

std::int64_t millis_of(const std::string& id) {
  return std::stoll(id.substr(0, 8) + id.substr(9, 4), nullptr, 16);
}

}  // namespace

TEST_CASE("ids are version-7 UUIDs carrying the current Unix milliseconds") {
  UuidGenerator ids;
  using namespace std::chrono;
  const auto before = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  const auto id = ids.next();
  const auto after = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  CHECK(is_v7(id));
  CHECK(millis_of(id) >= before);
  CHECK(millis_of(id) <= after + 1);
}

TEST_CASE("ids sort in the order they were made, many within one millisecond") {
  std::int64_t now = 1'700'000'000'000;
  UuidGenerator ids([&] { return now; });
  std::vector<std::string> made;
  for (int i = 0; i < 10'000; ++i) {  // more than the 12-bit counter holds in one millisecond
    if (i == 5'000) now += 3;
    made.push_back(ids.next());
  }
  std::set<std::string> distinct(made.begin(), made.end());
  CHECK(distinct.size() == made.size());
  for (std::size_t i = 1; i < made.size(); ++i) {
    INFO("id " << i);
    REQUIRE(made[i - 1] < made[i]);
    REQUIRE(is_v7(made[i]));
  }
}

TEST_CASE("ids keep their order when the clock steps back") {
  std::int64_t now = 1'700'000'000'000;
  UuidGenerator ids([&] { return now; });
  const auto first = ids.next();
  now -= 60'000;  // e.g. an NTP correction
  const auto second = ids.next();
  CHECK(first < second);
  CHECK(millis_of(second) == 1'700'000'000'000);
  now += 120'000;
  const auto third = ids.next();
  CHECK(second < third);
  CHECK(millis_of(third) == 1'700'000'060'000);
}

TEST_CASE("two generators made in the same millisecond do not collide") {
  const auto now = [] { return std::int64_t{1'700'000'000'000}; };
  UuidGenerator a(now);
  UuidGenerator b(now);
  std::set<std::string> all;
  for (int i = 0; i < 1'000; ++i) {
    all.insert(a.next());
    all.insert(b.next());
  }
  CHECK(all.size() == 2'000);
}
