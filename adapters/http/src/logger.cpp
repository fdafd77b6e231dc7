#include "traction/http/logger.hpp"

#include <chrono>
#include <cstdio>
#include <mutex>

#include "traction/time.hpp"

namespace traction::http {
namespace {

std::mutex stderr_mutex;

bool needs_quotes(std::string_view value) {
  if (value.empty()) return true;
  for (const char c : value) {
    if (c == ' ' || c == '=' || c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
      return true;
    }
  }
  return false;
}

void append_value(std::string& line, std::string_view value) {
  if (!needs_quotes(value)) {
    line += value;
    return;
  }
  line += '"';
  for (const char c : value) {
    if (c == '"' || c == '\\') {
      line += '\\';
      line += c;
    } else if (c == '\n') {
      line += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      line += ' ';
    } else {
      line += c;
    }
  }
  line += '"';
}

}  // namespace

Logger::Logger(LogLevel level, LogSink sink) : level_(level), sink_(std::move(sink)) {}

bool Logger::enabled(LogLevel level) const noexcept {
  return static_cast<int>(level) >= static_cast<int>(level_.load(std::memory_order_relaxed));
}

void Logger::log(LogLevel level, std::string_view message,
                 std::initializer_list<LogField> fields) const noexcept {
  if (!enabled(level)) return;
  try {
    const auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    std::string line = "ts=";
    line += format_timestamp(Timestamp{now.time_since_epoch()});
    line += " level=";
    line += log_level_text.name(level);
    line += " msg=";
    append_value(line, message);
    for (const auto& field : fields) {
      line += ' ';
      line += field.key;
      line += '=';
      append_value(line, field.value);
    }
    if (sink_) {
      sink_(line);
      return;
    }
    line += '\n';
    const std::lock_guard lock(stderr_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
  } catch (...) {
    // Logging never takes the server down.
  }
}

}  // namespace traction::http
