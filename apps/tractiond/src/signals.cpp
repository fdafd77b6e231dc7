#include "signals.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>

namespace traction::app {

void wait_for_stop_signal() {
  boost::asio::io_context ioc{1};
  boost::asio::signal_set signals{ioc, SIGINT, SIGTERM};
  signals.async_wait([](const boost::system::error_code&, int) {});
  ioc.run();  // returns once the one wait completed
}

}  // namespace traction::app
