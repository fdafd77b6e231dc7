#pragma once
// Prometheus metrics of the server, in the text exposition format 0.0.4:
//   traction_http_requests_total{method,route,status}        counter
//   traction_http_request_duration_seconds{method,route}     histogram
//   traction_sse_connections                                 gauge
//   traction_write_lane_queued                               gauge
//   traction_write_batches_total, traction_write_batch_requests_total  counters
// `route` is the matched pattern ("/goals/{id}"), "unmatched" for unknown paths: the label
// set stays small whatever clients send. Recording takes a shared lock and atomic adds;
// only the first request of a new label set takes the exclusive lock.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace traction::http {

class ResponseCache;

class Metrics {
 public:
  static constexpr std::array<double, 12> buckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                     0.1,   0.25,   0.5,   1.0,  2.5,   10.0};

  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  void record_request(std::string_view method, std::string_view route, int status,
                      std::chrono::nanoseconds duration);
  void sse_opened() noexcept { sse_connections_.fetch_add(1, std::memory_order_relaxed); }
  void sse_closed() noexcept { sse_connections_.fetch_sub(1, std::memory_order_relaxed); }
  [[nodiscard]] std::int64_t sse_connections() const noexcept {
    return sse_connections_.load(std::memory_order_relaxed);
  }

  // The write lane: requests waiting for it, and the batches it ran with their requests.
  void write_queued(std::int64_t change) noexcept {
    write_queued_.fetch_add(change, std::memory_order_relaxed);
  }
  void write_batch_ran(std::uint64_t requests) noexcept {
    write_batches_.fetch_add(1, std::memory_order_relaxed);
    write_batch_requests_.fetch_add(requests, std::memory_order_relaxed);
  }
  [[nodiscard]] std::int64_t write_lane_queued() const noexcept {
    return write_queued_.load(std::memory_order_relaxed);
  }

  // The response cache whose counters render() reports (not owned); set before serving.
  void attach_response_cache(const ResponseCache* cache) noexcept { cache_ = cache; }

  // The exposition text (Content-Type: text/plain; version=0.0.4).
  [[nodiscard]] std::string render() const;

 private:
  struct Histogram;
  using CounterKey = std::tuple<std::string, std::string, int>;  // method, route, status
  using HistogramKey = std::tuple<std::string, std::string>;     // method, route

  mutable std::shared_mutex mutex_;
  std::map<CounterKey, std::unique_ptr<std::atomic<std::uint64_t>>, std::less<>> counters_;
  std::map<HistogramKey, std::unique_ptr<Histogram>, std::less<>> histograms_;
  std::atomic<std::int64_t> sse_connections_{0};
  std::atomic<std::int64_t> write_queued_{0};
  std::atomic<std::uint64_t> write_batches_{0};
  std::atomic<std::uint64_t> write_batch_requests_{0};
  const ResponseCache* cache_ = nullptr;
};

}  // namespace traction::http
