#pragma once
// Bounds on what a client may send. One place, so the HTTP adapter and the core agree.

#include <cstddef>

namespace traction::limits {

inline constexpr std::size_t title = 200;          // goal, action and issue titles
inline constexpr std::size_t name = 100;           // KPI, issue type and status names
inline constexpr std::size_t short_text = 200;     // owner names, units, categories, icons
inline constexpr std::size_t long_text = 10'000;   // intents, descriptions, notes, reasons
inline constexpr std::size_t id = 128;             // ids given by clients (owner ids, ...)
inline constexpr std::size_t tag = 50;             // one value tag or issue tag
inline constexpr std::size_t tags = 50;            // how many tags an entity may carry
inline constexpr std::size_t json_text = 64 * 1024;  // metadata objects, as serialized JSON
inline constexpr std::size_t connections = 500;    // ids in one connections list
inline constexpr std::size_t page_size_default = 20;
inline constexpr std::size_t page_size_max = 100;

}  // namespace traction::limits
