#pragma once
// Accepts connections and starts an HttpSession on each, each on its own strand.

#include <cstdint>
#include <memory>
#include <string>

#include "net.hpp"
#include "server_state.hpp"
#include "traction/error.hpp"

namespace traction::http::detail {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, ServerState& state);

  // Opens, binds and listens; returns the bound port.
  [[nodiscard]] Result<std::uint16_t> open(const std::string& address, std::uint16_t port);
  void run();
  // Stops accepting; from any thread.
  void close();

 private:
  void do_accept();
  void on_accept(error_code ec, tcp::socket socket);

  net::io_context& ioc_;
  ServerState& state_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
};

}  // namespace traction::http::detail
