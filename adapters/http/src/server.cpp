#include "traction/http/server.hpp"

#include <algorithm>
#include <mutex>
#include <thread>
#include <vector>

#include "listener.hpp"
#include "net.hpp"
#include "server_state.hpp"

namespace traction::http {

using namespace detail;

namespace {

unsigned hardware_threads() { return std::max(1U, std::thread::hardware_concurrency()); }

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, const Dispatcher& d)
      : options(std::move(o)),
        workers(options.worker_threads != 0 ? options.worker_threads
                                            : std::max(4U, hardware_threads())),
        state(options, d, workers) {}

  // The io_context comes after the state its sessions use: should it still hold handlers
  // when destroyed, the sessions they own find the state alive.
  ServerOptions options;
  net::thread_pool workers;
  ServerState state;
  // Started with the server when options.write_batches is set; after the state it uses.
  std::unique_ptr<WriteLane> write_lane;
  net::io_context ioc;
  std::shared_ptr<Listener> listener;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::vector<std::thread> threads;

  std::mutex mutex;
  bool started = false;
  bool stop_requested = false;
  std::uint16_t port = 0;

  std::mutex wait_mutex;
  bool joined = false;
};

Server::Server(ServerOptions options, const Dispatcher& dispatcher)
    : impl_(std::make_unique<Impl>(std::move(options), dispatcher)) {}

Server::~Server() {
  stop();
  wait();
}

Result<std::uint16_t> Server::start() {
  const std::lock_guard lock(impl_->mutex);
  if (impl_->started) return fail(ErrorCode::internal, "the server was started already");
  const unsigned count = impl_->options.threads != 0 ? impl_->options.threads : hardware_threads();
  auto listener = std::make_shared<Listener>(impl_->ioc, impl_->state, count);
  auto port = listener->open(impl_->options.bind, impl_->options.port);
  if (!port) return port;
  impl_->listener = std::move(listener);
  impl_->port = *port;
  if (impl_->options.write_batches) {
    impl_->write_lane = std::make_unique<WriteLane>(impl_->state.dispatcher, impl_->options.write_batches,
                                                    impl_->options.write_batch_limit, impl_->ioc);
    impl_->state.write_lane = impl_->write_lane.get();
  }
  impl_->started = true;
  impl_->work.emplace(impl_->ioc.get_executor());
  impl_->listener->run();
  impl_->threads.reserve(count);
  for (unsigned i = 0; i < count; ++i) {
    impl_->threads.emplace_back([this] {
      // Handlers never throw into the io_context (the dispatcher catches), but a bug in a
      // session must not end the process silently with one thread gone.
      while (true) {
        try {
          impl_->ioc.run();
          return;
        } catch (const std::exception& e) {
          impl_->state.dispatcher.logger().log(LogLevel::error, "io thread caught an exception",
                                               {{"error", e.what()}});
        }
      }
    });
  }
  return *port;
}

void Server::stop() noexcept {
  try {
    {
      const std::lock_guard lock(impl_->mutex);
      if (!impl_->started || impl_->stop_requested) return;
      impl_->stop_requested = true;
    }
    impl_->listener->close();
    net::post(impl_->ioc, [impl = impl_.get()] { impl->state.registry.shutdown_all(); });
    // Once the last connection ends, the io threads return.
    impl_->work.reset();
  } catch (...) {
  }
}

void Server::wait() {
  {
    const std::lock_guard lock(impl_->mutex);
    if (!impl_->started) return;
  }
  const std::lock_guard lock(impl_->wait_mutex);
  if (impl_->joined) return;
  for (auto& thread : impl_->threads) {
    if (thread.joinable()) thread.join();
  }
  // Every connection ended: nothing is queued on the lane or the workers any more.
  if (impl_->write_lane) impl_->write_lane->stop();
  impl_->workers.join();
  impl_->joined = true;
}

std::uint16_t Server::port() const noexcept { return impl_->port; }

const ServerOptions& Server::options() const noexcept { return impl_->options; }

}  // namespace traction::http
