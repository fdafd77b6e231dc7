#pragma once
// What the contract suite runs against: each contract executable links exactly one
// implementation of this (memory_store_factory.cpp or sqlite_store_factory.cpp).

#include <memory>
#include <string_view>

#include "traction/ports/event_publisher.hpp"
#include "traction/ports/store.hpp"

namespace traction::contract {

// A fresh, empty store; committed events go to `publisher` when it is not null.
std::unique_ptr<ports::Store> make_store(ports::EventPublisher* publisher = nullptr);

// The adapter's name, for messages ("memory", "sqlite").
std::string_view store_name();

}  // namespace traction::contract
