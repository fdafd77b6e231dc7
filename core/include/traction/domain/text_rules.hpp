#pragma once
// Field validators shared by every aggregate's rules. Each names the field in its error.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traction/error.hpp"

namespace traction {

// `value` with surrounding whitespace removed.
[[nodiscard]] std::string trimmed(std::string_view value);

// A required text: not blank, at most `max` characters (UTF-8 code points). Returns it trimmed.
[[nodiscard]] Result<std::string> required_text(std::string_view field, std::string_view value,
                                                std::size_t max);
// An optional text: at most `max` characters. Returns it unchanged.
[[nodiscard]] Result<std::string> bounded_text(std::string_view field, std::string_view value,
                                               std::size_t max);
// Tags: each non-blank and at most `max_length`, at most `max_count` of them; duplicates
// dropped (first occurrence kept), each trimmed.
[[nodiscard]] Result<std::vector<std::string>> tag_list(std::string_view field,
                                                        const std::vector<std::string>& tags,
                                                        std::size_t max_length,
                                                        std::size_t max_count);
// Ids: each non-blank and at most limits::id; at most `max_count`; duplicates dropped.
[[nodiscard]] Result<std::vector<std::string>> id_list(std::string_view field,
                                                       const std::vector<std::string>& ids,
                                                       std::size_t max_count);
// A finite number within [min, max].
[[nodiscard]] Result<double> number_in(std::string_view field, double value, double min,
                                       double max);
// Serialized JSON that is an object ("{...}") of at most limits::json_text bytes. The
// adapters parse and re-serialize it; core only checks its outline and size.
[[nodiscard]] Result<std::string> json_object_text(std::string_view field, std::string_view text);

// Number of UTF-8 code points (invalid bytes count one each).
[[nodiscard]] std::size_t text_length(std::string_view value);

// ASCII case-insensitive equality and lowercase.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);
[[nodiscard]] std::string ascii_lower(std::string_view value);

// Rounds to `decimals` places (percentages are kept to two).
[[nodiscard]] double round_to(double value, int decimals);

}  // namespace traction
