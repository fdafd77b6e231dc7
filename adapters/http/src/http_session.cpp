#include "http_session.hpp"

#include <algorithm>
#include <array>

#include "response_head.hpp"
#include "sse_session.hpp"

namespace traction::http::detail {
namespace {

// The methods of the routes that change data: they go to the write lane.
bool changes_data(Method method) {
  return method == Method::post || method == Method::put || method == Method::patch ||
         method == Method::delete_;
}

bool is_http_error(const error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category();
}

// The peer went away or a timeout fired: nothing to answer.
bool is_disconnect(const error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == beast::error::timeout || ec == net::error::eof ||
         ec == net::error::operation_aborted || ec == net::error::connection_reset ||
         ec == net::error::broken_pipe || !is_http_error(ec);
}

constexpr std::size_t read_chunk = 4096;

}  // namespace

HttpSession::HttpSession(tcp::socket&& socket, ServerState& state)
    : stream_(std::move(socket)), state_(state) {}

HttpSession::~HttpSession() { state_.registry.remove(registry_id_); }

void HttpSession::run() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    self->registry_id_ = self->state_.registry.add(self);
    if (self->registry_id_ == 0) {
      self->close();  // the server is stopping
      return;
    }
    self->do_wait();
  });
}

void HttpSession::shutdown() noexcept {
  try {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      // An idle connection ends now; one with a request under way finishes it first.
      if (self->phase_ == Phase::waiting) self->stream_.cancel();
    });
  } catch (...) {
  }
}

// Waits for the first byte of the next request: the idle timeout between keep-alive
// requests, the header timeout on a fresh connection.
void HttpSession::do_wait() {
  phase_ = Phase::waiting;
  if (stopping_) {
    close();
    return;
  }
  if (buffer_.size() > 0) {
    do_read_header();
    return;
  }
  stream_.expires_after(first_request_ ? state_.options.header_timeout : state_.options.idle_timeout);
  stream_.async_read_some(buffer_.prepare(read_chunk),
                          [self = shared_from_this()](error_code ec, std::size_t bytes) {
                            self->on_wait(ec, bytes);
                          });
}

void HttpSession::on_wait(error_code ec, std::size_t bytes) {
  buffer_.commit(bytes);
  if (ec || stopping_) {
    close();
    return;
  }
  do_read_header();
}

void HttpSession::do_read_header() {
  phase_ = Phase::reading;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(state_.options.header_limit, 0xFFFF'FFFFU)));
  parser_->body_limit(state_.options.body_limit);
  method_.clear();
  target_.clear();
  stream_.expires_after(state_.options.header_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           [self = shared_from_this()](error_code ec, std::size_t) {
                             self->on_read_header(ec);
                           });
}

void HttpSession::on_read_header(error_code ec) {
  if (ec) {
    on_read_error(ec);
    return;
  }
  const auto& message = parser_->get();
  version_ = message.version();
  method_ = std::string{message.method_string()};
  target_ = std::string{message.target()};
  if (parser_->is_done()) {
    handle();
    return;
  }
  const auto expect = message[bhttp::field::expect];
  if (!iequals(std::string_view{expect.data(), expect.size()}, "100-continue")) {
    do_read_body();
    return;
  }
  // The client waits for a go-ahead before it sends the body.
  static const std::string go_ahead = "HTTP/1.1 100 Continue\r\n\r\n";
  stream_.expires_after(state_.options.write_timeout);
  net::async_write(stream_, net::buffer(go_ahead),
                   [self = shared_from_this()](error_code write_ec, std::size_t) {
                     if (write_ec) {
                       self->close();
                       return;
                     }
                     self->do_read_body();
                   });
}

void HttpSession::do_read_body() {
  stream_.expires_after(state_.options.body_timeout);
  bhttp::async_read(stream_, buffer_, *parser_,
                    [self = shared_from_this()](error_code ec, std::size_t) {
                      self->on_read_body(ec);
                    });
}

void HttpSession::on_read_body(error_code ec) {
  if (ec) {
    on_read_error(ec);
    return;
  }
  handle();
}

void HttpSession::on_read_error(error_code ec) {
  if (ec == bhttp::error::body_limit) {
    reject(Error{ErrorCode::payload_too_large,
                 "Request body is larger than " + std::to_string(state_.options.body_limit) +
                     " bytes",
                 ""});
    return;
  }
  if (ec == bhttp::error::header_limit) {
    reject(Error{ErrorCode::validation_error, "Request headers are too large", ""});
    return;
  }
  if (is_disconnect(ec)) {
    close();
    return;
  }
  reject(Error{ErrorCode::validation_error, "Malformed HTTP request: " + ec.message(), ""});
}

void HttpSession::handle() {
  phase_ = Phase::handling;
  auto message = parser_->release();
  parser_.reset();
  keep_alive_ = message.keep_alive();

  Request request;
  request.method_name = std::string{message.method_string()};
  request.method = method_text.parse(request.method_name).value_or(Method::other);
  request.target = std::string{message.target()};
  for (const auto& field : message) {
    request.headers.add(std::string{field.name_string()}, std::string{field.value()});
  }
  request.body = std::move(message.body());

  auto started = state_.dispatcher.begin(request);
  if (started.done) {
    on_handled(std::move(*started.done));
    return;
  }
  if (started.quick()) {
    on_handled(state_.dispatcher.run(request, started));
    return;
  }
  // Writes go to the write lane, gathered into batches. Other handlers may block (the
  // store): they run on the worker pool. Either way the answer comes back to this
  // connection's executor; the tracked executor keeps the io_context alive meanwhile.
  if (state_.write_lane != nullptr && changes_data(request.method)) {
    state_.write_lane->submit(WriteLane::Job{
        std::move(request), std::move(started),
        [self = shared_from_this(), work = tracked(stream_.get_executor())](Dispatched result) {
          // Called by the lane's hand-over handler on an I/O thread: with one I/O thread that
          // is this connection's executor already, and the answer is written right away.
          net::dispatch(work, [self, result = std::move(result)]() mutable {
            self->on_handled(std::move(result));
          });
        }});
    return;
  }
  net::post(state_.workers, [self = shared_from_this(), request = std::move(request),
                             started = std::move(started), work = tracked(stream_.get_executor())]() mutable {
    auto result = self->state_.dispatcher.run(request, started);
    net::post(work, [self, result = std::move(result)]() mutable {
      self->on_handled(std::move(result));
    });
  });
}

void HttpSession::on_handled(Dispatched result) {
  if (result.stream) {
    if (stopping_) {
      result.stream->stop();
      close();
      return;
    }
    phase_ = Phase::done;  // the socket moves to the SSE session
    std::make_shared<SseSession>(std::move(stream_), state_, std::move(result.response),
                                 std::move(result.stream))
        ->run();
    return;
  }
  write(std::move(result.response), keep_alive_, false);
}

void HttpSession::write(Response response, bool keep_alive, bool linger) {
  phase_ = Phase::writing;
  keep_alive = keep_alive && !stopping_;
  response_ = std::move(response);  // kept until written: the buffers point into it
  std::string_view bytes = response_.body_text();
  if (bodiless_status(response_.status)) bytes = {};
  write_response_head(head_, version_, response_, bytes.size(), keep_alive);
  const std::array<net::const_buffer, 2> buffers{net::buffer(head_), net::buffer(bytes.data(), bytes.size())};
  stream_.expires_after(state_.options.write_timeout);
  net::async_write(stream_, buffers, [self = shared_from_this(), keep_alive, linger](error_code ec, std::size_t) {
    self->on_write(keep_alive, linger, ec);
  });
}

void HttpSession::on_write(bool keep_alive, bool linger, error_code ec) {
  response_ = {};
  if (ec) {
    close();
    return;
  }
  if (linger) {
    do_linger();
    return;
  }
  if (!keep_alive || stopping_) {
    close();
    return;
  }
  first_request_ = false;
  do_wait();
}

// Bad input: answer, then close. The request may be partly unread, so the connection
// lingers (half-closed, input discarded) instead of resetting before the client reads the
// answer.
void HttpSession::reject(const Error& error) {
  parser_.reset();
  write(state_.dispatcher.reject(method_, target_, error), false, true);
}

void HttpSession::do_linger() {
  phase_ = Phase::closing;
  error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.expires_after(std::min<std::chrono::milliseconds>(state_.options.header_timeout,
                                                            std::chrono::seconds(2)));
  do_drain();
}

// Discards input until the peer closes or the linger deadline (set once) passes.
void HttpSession::do_drain() {
  buffer_.consume(buffer_.size());
  stream_.async_read_some(buffer_.prepare(read_chunk),
                          [self = shared_from_this()](error_code ec, std::size_t) {
                            if (ec) {
                              self->close();
                              return;
                            }
                            self->do_drain();
                          });
}

void HttpSession::close() {
  if (phase_ == Phase::done) return;
  phase_ = Phase::done;
  error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.close();
}

}  // namespace traction::http::detail
