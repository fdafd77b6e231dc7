#pragma once
// The status line and header fields of an answer, as the bytes that go on the wire. Written
// straight into a reused buffer: filling a Beast fields container allocated a node per
// field, and its serializer walked them again, for every answer.

#include <cstddef>
#include <optional>
#include <string>

#include "traction/http/response.hpp"

namespace traction::http::detail {

// Replaces `out` with the head of `response` for an HTTP/1.`version % 10` request
// (version 10 or 11), whose body is `body_size` bytes — or, without a size, a stream that
// ends when the connection does (SSE):
// - "Server", "Content-Type" (unless empty), the response's own fields, "Content-Length"
//   (not for a stream, nor for 1xx, 204 and 304, whose body is empty);
// - "Connection: close" when an HTTP/1.1 connection ends, "Connection: keep-alive" when an
//   HTTP/1.0 one does not (each version's default goes unsaid).
// A CR or LF inside a field becomes a space: no field can start another.
void write_response_head(std::string& out, unsigned version, const Response& response,
                         std::optional<std::size_t> body_size, bool keep_alive);

// Whether an answer with this status carries no body (1xx, 204, 304).
[[nodiscard]] bool bodiless_status(int status) noexcept;

}  // namespace traction::http::detail
