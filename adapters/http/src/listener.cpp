#include "listener.hpp"

#include <fmt/format.h>

#include "http_session.hpp"

namespace traction::http::detail {

Listener::Listener(net::io_context& ioc, ServerState& state, unsigned io_threads)
    : ioc_(ioc),
      state_(state),
      io_threads_(io_threads),
      acceptor_(net::make_strand(ioc)),
      retry_timer_(acceptor_.get_executor()) {}

net::any_io_executor Listener::connection_executor() {
  if (io_threads_ == 1) return ioc_.get_executor();
  return net::make_strand(ioc_);
}

Result<std::uint16_t> Listener::open(const std::string& address, std::uint16_t port) {
  error_code ec;
  const auto ip = net::ip::make_address(address, ec);
  if (ec) return fail(ErrorCode::validation_error, fmt::format("invalid bind address \"{}\"", address), "bind");
  const tcp::endpoint endpoint{ip, port};
  const auto failed = [&](std::string_view what) {
    return fail(ErrorCode::unavailable,
                fmt::format("cannot listen on {}:{}: {} ({})", address, port, ec.message(), what));
  };
  if (acceptor_.open(endpoint.protocol(), ec); ec) return failed("open");
  if (acceptor_.set_option(net::socket_base::reuse_address(true), ec); ec) return failed("set_option");
  if (acceptor_.bind(endpoint, ec); ec) return failed("bind");
  if (acceptor_.listen(net::socket_base::max_listen_connections, ec); ec) return failed("listen");
  const auto local = acceptor_.local_endpoint(ec);
  if (ec) return failed("local_endpoint");
  return local.port();
}

void Listener::run() {
  net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] { self->do_accept(); });
}

void Listener::close() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    error_code ec;
    self->acceptor_.close(ec);
    self->retry_timer_.cancel();
  });
}

void Listener::do_accept() {
  if (!acceptor_.is_open()) return;
  acceptor_.async_accept(connection_executor(),
                         [self = shared_from_this()](error_code ec, tcp::socket socket) {
                           self->on_accept(ec, std::move(socket));
                         });
}

void Listener::on_accept(error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec) {
    // Out of descriptors and the like: say so, and try again shortly rather than spin.
    state_.dispatcher.logger().log(LogLevel::error, "accept failed", {{"error", ec.message()}});
    retry_timer_.expires_after(std::chrono::milliseconds(100));
    retry_timer_.async_wait([self = shared_from_this()](error_code wait_ec) {
      if (!wait_ec) self->do_accept();
    });
    return;
  }
  error_code option_ec;
  socket.set_option(tcp::no_delay(true), option_ec);
  std::make_shared<HttpSession>(std::move(socket), state_)->run();
  do_accept();
}

}  // namespace traction::http::detail
