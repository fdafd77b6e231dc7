#include "traction/http/metrics.hpp"

#include <fmt/format.h>

#include <mutex>

#include "traction/http/response_cache.hpp"

namespace traction::http {

struct Metrics::Histogram {
  std::array<std::atomic<std::uint64_t>, buckets.size()> counts{};  // per bucket, not cumulative
  std::atomic<std::uint64_t> count{0};
  std::atomic<std::uint64_t> sum_ns{0};
};

namespace {

// Finds key in map under a shared lock, inserting it under the exclusive lock once.
template <class Map, class Key, class Make>
auto& find_or_insert(std::shared_mutex& mutex, Map& map, const Key& key, Make make) {
  {
    const std::shared_lock lock(mutex);
    if (const auto it = map.find(key); it != map.end()) return *it->second;
  }
  const std::unique_lock lock(mutex);
  auto it = map.find(key);
  if (it == map.end()) it = map.emplace(typename Map::key_type{key}, make()).first;
  return *it->second;
}

std::string escape_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

}  // namespace

Metrics::Metrics() = default;
Metrics::~Metrics() = default;

void Metrics::record_request(std::string_view method, std::string_view route, int status,
                             std::chrono::nanoseconds duration) {
  const std::tuple<std::string_view, std::string_view, int> counter_key{method, route, status};
  auto& counter = find_or_insert(mutex_, counters_, counter_key, [] {
    return std::make_unique<std::atomic<std::uint64_t>>(0);
  });
  counter.fetch_add(1, std::memory_order_relaxed);

  const std::tuple<std::string_view, std::string_view> histogram_key{method, route};
  auto& histogram = find_or_insert(mutex_, histograms_, histogram_key,
                                   [] { return std::make_unique<Histogram>(); });
  const double seconds = std::chrono::duration<double>(duration).count();
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    if (seconds <= buckets[i]) {
      histogram.counts[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
  histogram.count.fetch_add(1, std::memory_order_relaxed);
  const auto ns = duration.count() < 0 ? 0 : duration.count();
  histogram.sum_ns.fetch_add(static_cast<std::uint64_t>(ns), std::memory_order_relaxed);
}

std::string Metrics::render() const {
  std::string out;
  const std::shared_lock lock(mutex_);

  out += "# HELP traction_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE traction_http_requests_total counter\n";
  for (const auto& [key, counter] : counters_) {
    const auto& [method, route, status] = key;
    out += fmt::format("traction_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       escape_label(method), escape_label(route), status,
                       counter->load(std::memory_order_relaxed));
  }

  out += "# HELP traction_http_request_duration_seconds Time to answer a request, by route.\n";
  out += "# TYPE traction_http_request_duration_seconds histogram\n";
  for (const auto& [key, histogram] : histograms_) {
    const auto labels = fmt::format("method=\"{}\",route=\"{}\"", escape_label(std::get<0>(key)),
                                    escape_label(std::get<1>(key)));
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
      cumulative += histogram->counts[i].load(std::memory_order_relaxed);
      out += fmt::format("traction_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         labels, buckets[i], cumulative);
    }
    const auto count = histogram->count.load(std::memory_order_relaxed);
    out += fmt::format("traction_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, count);
    out += fmt::format("traction_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                       static_cast<double>(histogram->sum_ns.load(std::memory_order_relaxed)) / 1e9);
    out += fmt::format("traction_http_request_duration_seconds_count{{{}}} {}\n", labels, count);
  }

  out += "# HELP traction_sse_connections Open SSE connections.\n";
  out += "# TYPE traction_sse_connections gauge\n";
  out += fmt::format("traction_sse_connections {}\n", sse_connections());
  out += "# HELP traction_write_lane_queued Requests waiting for the write lane.\n";
  out += "# TYPE traction_write_lane_queued gauge\n";
  out += fmt::format("traction_write_lane_queued {}\n", write_lane_queued());
  out += "# HELP traction_write_batches_total Batches the write lane ran (one commit each).\n";
  out += "# TYPE traction_write_batches_total counter\n";
  out += fmt::format("traction_write_batches_total {}\n", write_batches_.load(std::memory_order_relaxed));
  out += "# HELP traction_write_batch_requests_total Requests the write lane ran in its batches.\n";
  out += "# TYPE traction_write_batch_requests_total counter\n";
  out += fmt::format("traction_write_batch_requests_total {}\n",
                     write_batch_requests_.load(std::memory_order_relaxed));

  if (cache_ != nullptr) {
    const auto cache = cache_->stats();
    out += "# HELP traction_response_cache_hits_total Answers served from the response cache.\n";
    out += "# TYPE traction_response_cache_hits_total counter\n";
    out += fmt::format("traction_response_cache_hits_total {}\n", cache.hits);
    out += "# HELP traction_response_cache_misses_total Cacheable requests the handler answered.\n";
    out += "# TYPE traction_response_cache_misses_total counter\n";
    out += fmt::format("traction_response_cache_misses_total {}\n", cache.misses);
    out += "# HELP traction_response_cache_bytes Memory held by kept answers (estimate).\n";
    out += "# TYPE traction_response_cache_bytes gauge\n";
    out += fmt::format("traction_response_cache_bytes {}\n", cache.bytes);
  }
  return out;
}

}  // namespace traction::http
