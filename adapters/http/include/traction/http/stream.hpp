#pragma once
// Streaming responses (SSE) without Beast types. A streaming route returns a Stream; the
// server answers 200 with the stream's headers, then hands the Stream a StreamSink, and
// writes every chunk pushed into that sink, in order, until either side ends it.

#include <memory>
#include <string>

namespace traction::http {

// One immutable chunk of bytes, shared between every connection it is written to.
using Chunk = std::shared_ptr<const std::string>;

[[nodiscard]] inline Chunk make_chunk(std::string text) {
  return std::make_shared<const std::string>(std::move(text));
}

// The connection side. Thread-safe; never blocks on the network.
class StreamSink {
 public:
  virtual ~StreamSink() = default;
  // Queues a chunk. False when the connection is closing or closed, or when the queue is
  // full: an overflowing connection is closed at once (the client reconnects and replays).
  virtual bool push(Chunk chunk) = 0;
  // Writes what is queued, then closes the connection.
  virtual void finish() = 0;
  // Closes the connection now, dropping what is queued.
  virtual void abort() = 0;
};

// The producer side.
class Stream {
 public:
  virtual ~Stream() = default;
  // Called once, on a worker thread (it may block, e.g. to replay from the store), after
  // the connection became a stream. The stream keeps only a weak reference to the sink.
  virtual void start(const std::shared_ptr<StreamSink>& sink) = 0;
  // Called once when the connection ends, from any thread; start() may still be running.
  virtual void stop() noexcept = 0;
  // The Content-Type of the stream.
  [[nodiscard]] virtual std::string content_type() const { return "text/event-stream"; }
};

}  // namespace traction::http
