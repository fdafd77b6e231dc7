#pragma once
// One HTTP/1.1 connection: read a request (idle, header and body timeouts, body limit),
// hand it to the dispatcher on the worker pool, write the answer, repeat while keep-alive.
// A streaming answer hands the socket to an SseSession.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "net.hpp"
#include "server_state.hpp"
#include "traction/http/dispatcher.hpp"

namespace traction::http::detail {

class HttpSession final : public Session, public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, ServerState& state);
  ~HttpSession() override;
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  void run();
  void shutdown() noexcept override;

 private:
  enum class Phase { waiting, reading, handling, writing, closing, done };

  void do_wait();
  void on_wait(error_code ec, std::size_t bytes);
  void do_read_header();
  void on_read_header(error_code ec);
  void do_read_body();
  void on_read_body(error_code ec);
  void on_read_error(error_code ec);
  void handle();
  void on_handled(Dispatched result);
  void write(Response response, bool keep_alive, bool linger);
  void on_write(bool keep_alive, bool linger, error_code ec);
  void reject(const Error& error);
  void do_linger();
  void do_drain();
  void close();

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  ServerState& state_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Response response_;  // the answer being written
  std::string head_;   // its status line and fields (the buffer is reused)
  std::uint64_t registry_id_ = 0;
  Phase phase_ = Phase::waiting;
  bool first_request_ = true;
  bool stopping_ = false;
  bool keep_alive_ = false;
  unsigned version_ = 11;
  std::string method_;
  std::string target_;
};

}  // namespace traction::http::detail
