#pragma once
// Beast and Asio for the server's own source files (server, listener, http_session,
// sse_session). No public header includes this.

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

namespace traction::http::detail {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using error_code = boost::beast::error_code;

// An executor that keeps the io_context running while work for it is pending elsewhere
// (a handler on the worker pool that will post its response back).
template <class Executor>
auto tracked(const Executor& executor) {
  return net::prefer(executor, net::execution::outstanding_work.tracked);
}

}  // namespace traction::http::detail
