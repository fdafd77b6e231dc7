#include "sse_session.hpp"

#include "response_head.hpp"

namespace traction::http::detail {
namespace {

const Chunk& heartbeat_chunk() {
  static const Chunk chunk = make_chunk(": heartbeat\n\n");
  return chunk;
}

// The answer's head: the stream's own fields, then nothing buffers or caches it on the way.
std::string response_head(Response head) {
  head.header("Cache-Control", "no-cache");
  head.header("X-Accel-Buffering", "no");  // nginx would hold the events back otherwise
  std::string out;
  write_response_head(out, 11, head, std::nullopt, true);
  return out;
}

}  // namespace

SseSession::SseSession(beast::tcp_stream&& stream, ServerState& state, Response head,
                       std::shared_ptr<Stream> source)
    : stream_(std::move(stream)),
      state_(state),
      source_(std::move(source)),
      heartbeat_(stream_.get_executor()) {
  queue_.push_back(make_chunk(response_head(std::move(head))));
}

SseSession::~SseSession() {
  source_->stop();
  if (opened_) state_.dispatcher.metrics().sse_closed();
  state_.registry.remove(registry_id_);
}

void SseSession::run() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    self->registry_id_ = self->state_.registry.add(self);
    if (self->registry_id_ == 0) {
      self->do_close();  // the server is stopping
      return;
    }
    self->opened_ = true;
    self->state_.dispatcher.metrics().sse_opened();
    // Reads only detect the client going away; they never time out. Writes do.
    self->stream_.expires_never();
    error_code ec;
    self->stream_.socket().non_blocking(true, ec);  // do_write's direct writes never block
    if (ec) {
      self->do_close();
      return;
    }
    self->do_read();
    {
      const std::lock_guard lock(self->mutex_);
      self->writing_ = true;
    }
    self->do_write();  // the response head
    self->do_heartbeat();
    // The stream may block (replay from the store): a worker starts it.
    net::post(self->state_.workers, [self, work = tracked(self->stream_.get_executor())] {
      try {
        self->source_->start(self);
      } catch (const std::exception& e) {
        self->state_.dispatcher.logger().log(LogLevel::error, "stream failed to start",
                                             {{"error", e.what()}});
        self->abort();
      } catch (...) {
        self->abort();
      }
    });
  });
}

bool SseSession::push(Chunk chunk) {
  const std::lock_guard lock(mutex_);
  if (state_flag_ != State::open) return false;
  if (queue_.size() >= state_.options.sse_queue_limit) {
    // A client that cannot keep up: close; it reconnects with Last-Event-ID and replays.
    state_flag_ = State::closed;
    post_close();
    return false;
  }
  queue_.push_back(std::move(chunk));
  if (!writing_) {
    writing_ = true;
    net::post(stream_.get_executor(), [self = shared_from_this()] { self->do_write(); });
  }
  return true;
}

void SseSession::finish() {
  const std::lock_guard lock(mutex_);
  if (state_flag_ != State::open) return;
  state_flag_ = State::finishing;
  if (!writing_) post_close();  // nothing queued: done now; else after the last write
}

void SseSession::abort() {
  const std::lock_guard lock(mutex_);
  if (state_flag_ == State::closed) return;
  state_flag_ = State::closed;
  post_close();
}

void SseSession::shutdown() noexcept {
  try {
    abort();
  } catch (...) {
  }
}

void SseSession::post_close() {
  net::post(stream_.get_executor(), [self = shared_from_this()] { self->do_close(); });
}

void SseSession::do_write() {
  if (done_) return;
  {
    const std::lock_guard lock(mutex_);
    if (state_flag_ == State::closed || queue_.empty()) {
      writing_ = false;
      if (state_flag_ == State::finishing) post_close();
      return;
    }
    in_flight_.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
    queue_.clear();
  }
  buffers_.clear();
  for (const auto& chunk : in_flight_) buffers_.emplace_back(chunk->data(), chunk->size());
  // Most writes fit the socket's buffer: written here at once, with no operation, timer or
  // completion to schedule (a live feed makes one such write per connection per commit).
  // What does not fit goes on as an asynchronous write under the write timeout.
  error_code ec;
  const std::size_t total = net::buffer_size(buffers_);
  const std::size_t written = stream_.socket().write_some(buffers_, ec);
  if (ec && ec != net::error::would_block && ec != net::error::try_again) {
    in_flight_.clear();
    do_close();
    return;
  }
  if (written < total) {
    write_rest(written);
    return;
  }
  in_flight_.clear();
  const std::lock_guard lock(mutex_);
  if (state_flag_ != State::closed && !queue_.empty()) {
    // More arrived meanwhile: written on a later turn, after the other connections' writes.
    net::post(stream_.get_executor(), [self = shared_from_this()] { self->do_write(); });
    return;
  }
  writing_ = false;
  if (state_flag_ == State::finishing) post_close();
}

void SseSession::write_rest(std::size_t written) {
  // Past the bytes already written: drop whole buffers, then trim the first one left.
  auto it = buffers_.begin();
  while (written >= it->size()) written -= (it++)->size();
  *it += written;
  buffers_.erase(buffers_.begin(), it);
  stream_.expires_after(state_.options.write_timeout);
  net::async_write(stream_, buffers_, [self = shared_from_this()](error_code ec, std::size_t) {
    self->on_write(ec);
  });
}

void SseSession::on_write(error_code ec) {
  in_flight_.clear();
  if (ec) {
    do_close();
    return;
  }
  do_write();
}

void SseSession::do_heartbeat() {
  heartbeat_.expires_after(state_.options.sse_heartbeat);
  heartbeat_.async_wait([self = shared_from_this()](error_code ec) {
    if (ec || self->done_) return;
    self->push(heartbeat_chunk());
    self->do_heartbeat();
  });
}

void SseSession::do_read() {
  stream_.async_read_some(net::buffer(scratch_),
                          [self = shared_from_this()](error_code ec, std::size_t) {
                            if (ec) {
                              self->do_close();  // the client went away
                              return;
                            }
                            self->do_read();  // clients send nothing; ignore what they do
                          });
}

void SseSession::do_close() {
  if (done_) return;
  done_ = true;
  {
    const std::lock_guard lock(mutex_);
    state_flag_ = State::closed;
    queue_.clear();
  }
  heartbeat_.cancel();
  error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
  source_->stop();
}

}  // namespace traction::http::detail
