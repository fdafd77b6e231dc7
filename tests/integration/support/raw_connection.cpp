#include "support/raw_connection.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <stdexcept>

namespace traction::test {

namespace net = boost::asio;
using tcp = net::ip::tcp;

struct RawConnection::Impl {
  net::io_context ioc;
  tcp::socket socket{ioc};
  bool closed = false;
  std::array<char, 8192> buffer{};
};

RawConnection::RawConnection(std::uint16_t port) : impl_(std::make_unique<Impl>()) {
  boost::system::error_code ec;
  impl_->socket.connect(tcp::endpoint{net::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) throw std::runtime_error("connect failed: " + ec.message());
}

RawConnection::~RawConnection() = default;
RawConnection::RawConnection(RawConnection&&) noexcept = default;
RawConnection& RawConnection::operator=(RawConnection&&) noexcept = default;

void RawConnection::send(std::string_view bytes) {
  boost::system::error_code ec;
  net::write(impl_->socket, net::buffer(bytes.data(), bytes.size()), ec);
  if (ec) throw std::runtime_error("write failed: " + ec.message());
}

std::optional<std::string> RawConnection::read_some(std::chrono::milliseconds timeout) {
  if (impl_->closed) return std::string{};
  bool done = false;
  std::optional<std::string> result;
  impl_->socket.async_read_some(net::buffer(impl_->buffer),
                                [&](const boost::system::error_code& ec, std::size_t n) {
                                  done = true;
                                  if (ec == net::error::operation_aborted) return;
                                  if (ec) {
                                    impl_->closed = true;  // EOF or reset: the peer is gone
                                    result = std::string{};
                                    return;
                                  }
                                  result = std::string{impl_->buffer.data(), n};
                                });
  impl_->ioc.restart();
  impl_->ioc.run_for(timeout);
  if (!done) {
    boost::system::error_code ec;
    impl_->socket.cancel(ec);
    impl_->ioc.restart();
    impl_->ioc.run();
  }
  return result;
}

bool RawConnection::read_until_closed(std::string& out, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    auto chunk = read_some(left);
    if (!chunk) return false;
    if (chunk->empty()) return true;
    out += *chunk;
  }
}

bool RawConnection::read_until(std::string& out, std::string_view marker,
                               std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out.find(marker) == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    auto chunk = read_some(left);
    if (!chunk || chunk->empty()) return false;
    out += *chunk;
  }
  return true;
}

bool RawConnection::closed() const { return impl_->closed; }

void RawConnection::close() {
  boost::system::error_code ec;
  impl_->socket.shutdown(tcp::socket::shutdown_both, ec);
  impl_->socket.close(ec);
  impl_->closed = true;
}

}  // namespace traction::test
