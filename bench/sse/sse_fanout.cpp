// traction-sse-fanout: SSE fan-out delivery latency.
//
// Opens N subscribers to GET /realtime/goals/{goal}/activity?access_token=..., then posts
// notes to that goal at a fixed rate (POST /goals/{goal}/notes, open loop: sent on schedule
// whether or not earlier ones were answered, from --posters keep-alive connections in turn)
// whose text carries a sequence number. Every subscriber's receipt of every note is timed
// against the moment the POST was sent (one steady clock, one process), so the figure is
// request-to-delivery latency: handler + commit + publish + fan-out + socket.
//
//   traction-sse-fanout --port N --goal ID --token JWT [--subscribers 1000] [--rate 100]
//                       [--duration 10] [--posters 16] [--host 127.0.0.1]
// Prints key=value lines (subscribers, posted, post_errors, expected, delivered, posting_s,
// events_per_s, p50_ms, p99_ms, p999_ms, max_ms) for bench/run.sh.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

struct Options {
  std::string host = "127.0.0.1";
  int port = 8002;
  std::string goal;
  std::string token;
  int subscribers = 1000;
  int rate = 100;
  int posters = 16;
  double duration = 10;
};

int connect_to(const Options& o) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(o.port));
  ::inet_pton(AF_INET, o.host.c_str(), &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const auto n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

struct Subscriber {
  int fd = -1;
  bool open = false;  // response headers received with 200
  std::string pending;
};

// The sequence number after "bench-seq=" in a line, or -1.
long sequence_in(std::string_view line) {
  constexpr std::string_view marker = "bench-seq=";
  const auto at = line.find(marker);
  if (at == std::string_view::npos) return -1;
  long seq = -1;
  const auto* begin = line.data() + at + marker.size();
  std::from_chars(begin, line.data() + line.size(), seq);
  return seq;
}

// Reads one HTTP response with a Content-Length body; returns the status (0 on failure).
int read_response(int fd, std::string& buffer) {
  for (;;) {
    const auto end = buffer.find("\r\n\r\n");
    if (end != std::string::npos) {
      int status = 0;
      if (buffer.size() > 12) std::from_chars(buffer.data() + 9, buffer.data() + 12, status);
      std::size_t length = 0;
      const auto headers = std::string_view(buffer).substr(0, end);
      for (const std::string_view name : {"Content-Length: ", "content-length: "}) {
        const auto at = headers.find(name);
        if (at != std::string_view::npos) {
          std::from_chars(headers.data() + at + name.size(), headers.data() + headers.size(), length);
        }
      }
      if (buffer.size() >= end + 4 + length) {
        buffer.erase(0, end + 4 + length);
        return status;
      }
    }
    char chunk[8192];
    const auto n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return 0;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

double percentile(std::vector<std::uint32_t>& v, double p) {
  if (v.empty()) return 0;
  const auto k = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k] / 1000.0;  // µs -> ms
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--host") o.host = value;
    else if (flag == "--port") o.port = std::stoi(value);
    else if (flag == "--goal") o.goal = value;
    else if (flag == "--token") o.token = value;
    else if (flag == "--subscribers") o.subscribers = std::stoi(value);
    else if (flag == "--rate") o.rate = std::stoi(value);
    else if (flag == "--posters") o.posters = std::stoi(value);
    else if (flag == "--duration") o.duration = std::stod(value);
  }
  if (o.goal.empty() || o.token.empty() || o.subscribers <= 0 || o.rate <= 0 || o.posters <= 0) {
    std::fputs("usage: traction-sse-fanout --port N --goal ID --token JWT [--subscribers N] "
               "[--rate N] [--duration S] [--posters N]\n", stderr);
    return 2;
  }
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &limit);

  // --- subscribe ---------------------------------------------------------------------
  const int ep = ::epoll_create1(0);
  std::vector<Subscriber> subs(static_cast<std::size_t>(o.subscribers));
  const auto request = fmt::format(
      "GET /realtime/goals/{}/activity?access_token={} HTTP/1.1\r\nHost: {}\r\n"
      "Accept: text/event-stream\r\n\r\n", o.goal, o.token, o.host);
  for (std::size_t i = 0; i < subs.size(); ++i) {
    subs[i].fd = connect_to(o);
    if (subs[i].fd < 0 || !send_all(subs[i].fd, request)) {
      std::fprintf(stderr, "subscriber %zu: connect failed: %s\n", i, std::strerror(errno));
      return 1;
    }
    ::fcntl(subs[i].fd, F_SETFL, ::fcntl(subs[i].fd, F_GETFL) | O_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = i;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, subs[i].fd, &ev);
  }

  const auto max_events = static_cast<std::size_t>(o.rate * o.duration) + 16;
  std::vector<std::int64_t> sent_at(max_events, 0);
  std::vector<std::uint32_t> latencies_us;
  latencies_us.reserve(max_events * subs.size());
  std::vector<std::uint32_t> per_event(max_events, 0);
  std::size_t opened = 0;
  std::size_t failed = 0;
  std::atomic<bool> posting_done{false};
  std::atomic<long> posted{0};
  std::atomic<long> post_errors{0};
  std::int64_t drain_deadline = 0;
  std::atomic<std::int64_t> posting_ns{0};  // from the first POST sent to the last

  auto pump = [&](int timeout_ms) {
    epoll_event events[256];
    const int n = ::epoll_wait(ep, events, 256, timeout_ms);
    const auto t = now_ns();
    char chunk[65536];
    for (int e = 0; e < n; ++e) {
      auto& s = subs[events[e].data.u64];
      for (;;) {
        const auto r = ::recv(s.fd, chunk, sizeof chunk, 0);
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        if (r <= 0) {
          ::epoll_ctl(ep, EPOLL_CTL_DEL, s.fd, nullptr);
          ::close(s.fd);
          if (!s.open) ++failed;
          s.open = false;
          break;
        }
        s.pending.append(chunk, static_cast<std::size_t>(r));
      }
      if (!s.open && s.fd >= 0) {
        const auto end = s.pending.find("\r\n\r\n");
        if (end == std::string::npos) continue;
        if (s.pending.compare(9, 3, "200") != 0) {
          std::fprintf(stderr, "subscribe refused: %.*s\n", static_cast<int>(std::min<std::size_t>(end, 200)),
                       s.pending.data());
          ++failed;
          s.pending.clear();
          continue;
        }
        s.open = true;
        ++opened;
        s.pending.erase(0, end + 4);
      }
      std::size_t start = 0;
      for (;;) {
        const auto nl = s.pending.find('\n', start);
        if (nl == std::string::npos) break;
        const auto seq = sequence_in(std::string_view(s.pending).substr(start, nl - start));
        if (seq >= 0 && static_cast<std::size_t>(seq) < sent_at.size()) {
          const auto sent = std::atomic_ref<std::int64_t>(sent_at[static_cast<std::size_t>(seq)]).load();
          if (sent > 0) {
            latencies_us.push_back(static_cast<std::uint32_t>(std::max<std::int64_t>(0, t - sent) / 1000));
            ++per_event[static_cast<std::size_t>(seq)];
          }
        }
        start = nl + 1;
      }
      s.pending.erase(0, start);
    }
  };

  const auto subscribe_deadline = now_ns() + 30'000'000'000LL;
  while (opened + failed < subs.size() && now_ns() < subscribe_deadline) pump(100);
  if (opened < subs.size()) {
    std::fprintf(stderr, "only %zu of %zu subscribers connected\n", opened, subs.size());
  }

  // --- post at a fixed rate from another thread ----------------------------------------
  // Open loop: each POST leaves at its scheduled time whether or not the earlier ones have
  // been answered, so a server that cannot keep up shows as latency, not as a lower rate.
  // The notes come from --posters keep-alive connections in turn (many writers, as in use;
  // one connection's requests are answered one after another), pipelined when a connection
  // still waits for an answer; a thread per connection reads the answers.
  std::thread poster([&] {
    const std::size_t total = max_events - 16;
    const auto k = static_cast<std::size_t>(o.posters);
    std::vector<int> fds;
    for (std::size_t c = 0; c < k; ++c) {
      const int fd = connect_to(o);
      if (fd < 0) break;
      const timeval answer_timeout{10, 0};  // an answer that never comes fails the read
      ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &answer_timeout, sizeof answer_timeout);
      fds.push_back(fd);
    }
    if (fds.size() < k) {
      for (const int fd : fds) ::close(fd);
      post_errors = 1;
      posting_done = true;
      return;
    }
    std::vector<std::thread> readers;
    for (std::size_t c = 0; c < k; ++c) {
      // Connection c carries the POSTs c, c + k, c + 2k, ...
      const long expected_answers = static_cast<long>((total + k - 1 - c) / k);
      readers.emplace_back([&, fd = fds[c], expected_answers] {
        std::string buffer;
        for (long answered = 0; answered < expected_answers; ++answered) {
          const int status = read_response(fd, buffer);
          if (status == 0) {  // the connection failed: every POST not answered failed
            post_errors += expected_answers - answered;
            return;
          }
          if (status < 200 || status >= 300) ++post_errors;
        }
      });
    }
    const auto interval = std::chrono::nanoseconds(1'000'000'000LL / o.rate);
    const auto start = Clock::now();
    for (std::size_t seq = 0; seq < total; ++seq) {
      std::this_thread::sleep_until(start + interval * static_cast<long>(seq));
      const auto body = fmt::format(R"({{"note":"fan-out probe bench-seq={} end"}})", seq);
      const auto req = fmt::format(
          "POST /goals/{}/notes HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\n"
          "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
          o.goal, o.host, o.token, body.size(), body);
      std::atomic_ref<std::int64_t>(sent_at[seq]).store(now_ns());
      if (!send_all(fds[seq % k], req)) {
        for (const int fd : fds) ::shutdown(fd, SHUT_RDWR);  // the readers stop too
        break;
      }
      ++posted;
    }
    posting_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
    for (auto& reader : readers) reader.join();
    for (const int fd : fds) ::close(fd);
    posting_done = true;
  });

  while (!posting_done) pump(50);
  drain_deadline = now_ns() + 3'000'000'000LL;
  while (now_ns() < drain_deadline) pump(50);
  poster.join();

  const auto n_posted = static_cast<std::size_t>(posted.load());
  std::size_t delivered = 0;
  for (std::size_t i = 0; i < n_posted; ++i) delivered += per_event[i];
  const auto expected = n_posted * opened;
  std::printf("subscribers=%zu\nsubscribe_failures=%zu\nposted=%zu\npost_errors=%ld\nexpected=%zu\n"
              "delivered=%zu\n",
              opened, failed, n_posted, post_errors.load(), expected, delivered);
  const double seconds = static_cast<double>(posting_ns.load()) / 1e9;
  std::printf("posting_s=%.2f\nevents_per_s=%.1f\n", seconds,
              seconds > 0 ? static_cast<double>(n_posted) / seconds : 0.0);
  std::printf("p50_ms=%.3f\n", percentile(latencies_us, 50));
  std::printf("p99_ms=%.3f\n", percentile(latencies_us, 99));
  std::printf("p999_ms=%.3f\n", percentile(latencies_us, 99.9));
  std::printf("max_ms=%.3f\n", latencies_us.empty() ? 0.0 : *std::max_element(latencies_us.begin(), latencies_us.end()) / 1000.0);
  for (auto& s : subs) {
    if (s.fd >= 0) ::close(s.fd);
  }
  return 0;
}
