// The contract suite against adapters/memory.
#include "store_factory.hpp"

#include "traction/memory/memory_store.hpp"

namespace traction::contract {

std::unique_ptr<ports::Store> make_store(ports::EventPublisher* publisher) {
  return std::make_unique<memory::MemoryStore>(publisher);
}

std::string_view store_name() { return "memory"; }

}  // namespace traction::contract
