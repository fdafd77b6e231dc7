// traction-ceiling: the HTTP ceiling of the machine. A minimal Asio responder that answers
// every HTTP/1.1 request with the same 60-byte JSON body, keep-alive, pipelining-safe; no
// parser beyond finding the end of the headers (requests with a body are not expected).
// Every HTTP figure of bench/run.sh is also reported as a fraction of this one, measured
// in the same run with the same pinning.
//
//   traction-ceiling [--port N] [--threads N]      (defaults: 8090, 1)
#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr std::string_view body = R"({"success":true,"data":{"id":"ceiling","status":"active"}}  )";
static_assert(body.size() == 60, "the ceiling answers exactly 60 bytes of JSON");

const std::string& response() {
  static const std::string text =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 60\r\n\r\n" +
      std::string(body);
  return text;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket socket) : socket_(std::move(socket)) {}
  void start() { do_read(); }

 private:
  void do_read() {
    socket_.async_read_some(asio::buffer(buffer_.data() + used_, buffer_.size() - used_),
                            [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                              self->on_read(ec, n);
                            });
  }

  void on_read(boost::system::error_code ec, std::size_t n) {
    if (ec) return;
    used_ += n;
    // Count the complete requests in the buffer (each ends with an empty line).
    std::size_t requests = 0;
    std::size_t consumed = 0;
    const std::string_view data(buffer_.data(), used_);
    for (;;) {
      const auto end = data.find("\r\n\r\n", consumed);
      if (end == std::string_view::npos) break;
      consumed = end + 4;
      ++requests;
    }
    if (consumed > 0) {
      std::memmove(buffer_.data(), buffer_.data() + consumed, used_ - consumed);
      used_ -= consumed;
    }
    if (used_ == buffer_.size()) return;  // a header larger than the buffer: drop
    if (requests == 0) {
      do_read();
      return;
    }
    out_.clear();
    for (std::size_t i = 0; i < requests; ++i) out_ += response();
    asio::async_write(socket_, asio::buffer(out_),
                      [self = shared_from_this()](boost::system::error_code wec, std::size_t) {
                        if (!wec) self->do_read();
                      });
  }

  tcp::socket socket_;
  std::array<char, 16 * 1024> buffer_{};
  std::size_t used_ = 0;
  std::string out_;
};

void do_accept(tcp::acceptor& acceptor) {
  acceptor.async_accept([&acceptor](boost::system::error_code ec, tcp::socket socket) {
    if (!ec) {
      socket.set_option(tcp::no_delay(true));
      std::make_shared<Session>(std::move(socket))->start();
    }
    if (acceptor.is_open()) do_accept(acceptor);
  });
}

unsigned to_unsigned(const char* text, unsigned fallback) {
  unsigned n = 0;
  const auto* end = text + std::strlen(text);
  const auto [ptr, ec] = std::from_chars(text, end, n);
  return ec == std::errc{} && ptr == end ? n : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned short port = 8090;
  unsigned threads = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--port") port = static_cast<unsigned short>(to_unsigned(argv[i + 1], 8090));
    if (flag == "--threads") threads = to_unsigned(argv[i + 1], 1);
  }
  if (threads == 0) threads = 1;
  asio::io_context io(static_cast<int>(threads));
  tcp::acceptor acceptor(io);
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  do_accept(acceptor);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code, int) {
    acceptor.close();
    io.stop();
  });
  std::printf("traction-ceiling listening on 127.0.0.1:%u (%u thread%s)\n", port, threads,
              threads == 1 ? "" : "s");
  std::fflush(stdout);
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  return 0;
}
