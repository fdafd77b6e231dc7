#pragma once
// Structured log lines (logfmt) to stderr, one per event, filtered by level:
//   ts=2025-01-15T10:00:00.000Z level=info msg=request method=GET path=/goals route=/goals
//   status=200 duration_ms=1.25 tenant=acme

#include <atomic>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

#include "traction/enum_text.hpp"

namespace traction::http {

enum class LogLevel { debug, info, warn, error };

inline constexpr EnumText<LogLevel, 4> log_level_text{{{
    {LogLevel::debug, "debug"},
    {LogLevel::info, "info"},
    {LogLevel::warn, "warn"},
    {LogLevel::error, "error"},
}}};

struct LogField {
  std::string_view key;
  std::string value;
};

// Receives each finished line (without the newline). Tests capture lines with one.
using LogSink = std::function<void(std::string_view line)>;

class Logger {
 public:
  // An empty sink writes to stderr.
  explicit Logger(LogLevel level = LogLevel::info, LogSink sink = {});

  [[nodiscard]] bool enabled(LogLevel level) const noexcept;
  void set_level(LogLevel level) noexcept { level_.store(level, std::memory_order_relaxed); }

  // Thread-safe; never throws.
  void log(LogLevel level, std::string_view message,
           std::initializer_list<LogField> fields = {}) const noexcept;

 private:
  std::atomic<LogLevel> level_;
  LogSink sink_;
};

}  // namespace traction::http
