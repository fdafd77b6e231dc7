#pragma once

#include <string>

namespace traction::ports {

// The only source of new ids in core: UUID strings in production.
class IdGenerator {
 public:
  virtual ~IdGenerator() = default;
  [[nodiscard]] virtual std::string next() = 0;
};

}  // namespace traction::ports
