#pragma once
// Accepts connections and starts an HttpSession on each. With several io threads each
// connection has its own strand; with one, the io_context is already a strand and the
// connections use its executor directly (no strand dispatch on every handler).

#include <cstdint>
#include <memory>
#include <string>

#include "net.hpp"
#include "server_state.hpp"
#include "traction/error.hpp"

namespace traction::http::detail {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, ServerState& state, unsigned io_threads);

  // Opens, binds and listens; returns the bound port.
  [[nodiscard]] Result<std::uint16_t> open(const std::string& address, std::uint16_t port);
  void run();
  // Stops accepting; from any thread.
  void close();

 private:
  void do_accept();
  void on_accept(error_code ec, tcp::socket socket);
  // The executor a new connection runs on.
  [[nodiscard]] net::any_io_executor connection_executor();

  net::io_context& ioc_;
  ServerState& state_;
  unsigned io_threads_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
};

}  // namespace traction::http::detail
