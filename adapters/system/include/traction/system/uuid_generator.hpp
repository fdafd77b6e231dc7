#pragma once

#include <mutex>
#include <random>

#include "traction/ports/id_generator.hpp"

namespace traction::system {

// Random (version 4) UUIDs: "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx". Thread-safe.
class UuidGenerator final : public ports::IdGenerator {
 public:
  UuidGenerator();
  [[nodiscard]] std::string next() override;

 private:
  std::mutex mutex_;
  std::mt19937_64 engine_;
};

}  // namespace traction::system
