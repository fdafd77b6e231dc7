#pragma once

#include "traction/memory/memory_tx_context.hpp"
#include "traction/ports/repositories.hpp"

namespace traction::memory {

// The tenant's recent-activity feed: newest first, ties by later insert first.
class MemoryFeedRepository final : public ports::FeedRepository {
 public:
  explicit MemoryFeedRepository(MemoryTxContext& tx) noexcept : tx_(tx) {}

  Status append(const FeedEntry& entry) override;
  Result<std::vector<FeedEntry>> recent(std::string_view tenant, std::size_t limit) override;

 private:
  MemoryTxContext& tx_;
};

}  // namespace traction::memory
