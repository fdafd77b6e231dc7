#include "traction/domain/page.hpp"

#include <fmt/format.h>

namespace traction {

Result<PageRequest> make_page_request(std::int64_t page, std::int64_t size) {
  if (page < 1) return invalid("page", "page must be 1 or more");
  if (size < 1) return invalid("size", "size must be 1 or more");
  const auto max = static_cast<std::int64_t>(limits::page_size_max);
  return PageRequest{page, size > max ? max : size};
}

}  // namespace traction
