#pragma once
// Pagination of list queries: page numbers start at 1, size defaults to 20, max 100.

#include <cstdint>
#include <vector>

#include "traction/domain/limits.hpp"
#include "traction/error.hpp"

namespace traction {

struct PageRequest {
  std::int64_t page = 1;
  std::int64_t size = static_cast<std::int64_t>(limits::page_size_default);

  [[nodiscard]] std::int64_t offset() const { return (page - 1) * size; }
};

template <class T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};

struct PageInfo {
  std::int64_t page = 1;
  std::int64_t size = 20;
  std::int64_t total = 0;
  std::int64_t total_pages = 0;
};

[[nodiscard]] inline PageInfo page_info(const PageRequest& req, std::int64_t total) {
  const auto pages = req.size > 0 ? (total + req.size - 1) / req.size : 0;
  return {req.page, req.size, total, pages};
}

// page < 1 or size < 1 is an error; a size over the maximum is clamped to it.
[[nodiscard]] Result<PageRequest> make_page_request(std::int64_t page, std::int64_t size);

}  // namespace traction
