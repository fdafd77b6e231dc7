#include "write_lane.hpp"

#include <optional>
#include <utility>
#include <vector>

#include "traction/http/errors.hpp"

namespace traction::http::detail {

WriteLane::WriteLane(const Dispatcher& dispatcher, WriteBatches batches, std::size_t limit,
                     net::io_context& answers)
    : dispatcher_(dispatcher),
      batches_(std::move(batches)),
      limit_(limit == 0 ? 1 : limit),
      answers_(answers) {
  thread_ = std::thread([this] { run(); });
}

WriteLane::~WriteLane() { stop(); }

void WriteLane::submit(Job job) {
  {
    const std::lock_guard lock(mutex_);
    if (!stopping_) {
      queue_.push_back(std::move(job));
      dispatcher_.metrics().write_queued(1);
      if (queue_.size() == 1) wake_.notify_one();  // else the lane is awake already
      return;
    }
  }
  std::vector<Dispatched> out;
  out.push_back({error_response(ErrorCode::unavailable, "The server is stopping"), nullptr});
  dispatcher_.record(job.request, out.front(), job.started);
  std::deque<Job> jobs;
  jobs.push_back(std::move(job));
  hand_over(jobs, out);
}

void WriteLane::stop() noexcept {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void WriteLane::run() noexcept {
  std::deque<Job> jobs;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything was answered
      if (queue_.size() <= limit_) {
        jobs.swap(queue_);
      } else {
        for (std::size_t i = 0; i < limit_; ++i) {
          jobs.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
    }
    dispatcher_.metrics().write_queued(-static_cast<std::int64_t>(jobs.size()));
    run_batch(jobs);
    jobs.clear();
  }
}

void WriteLane::run_batch(std::deque<Job>& jobs) noexcept {
  std::vector<std::optional<Dispatched>> results(jobs.size());
  Status committed;
  try {
    committed = batches_(jobs.size(), [&](std::size_t i) {
      results[i] = dispatcher_.run_handler(jobs[i].request, jobs[i].started);
    });
  } catch (...) {
    committed = fail(ErrorCode::internal, "the write batch failed");
  }
  std::vector<Dispatched> answers(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    auto& job = jobs[i];
    Dispatched& out = answers[i];
    if (results[i]) out = std::move(*results[i]);
    const bool landed = results[i] && committed;
    const bool success = out.response.status >= 200 && out.response.status < 300;
    if (!results[i] || (success && !landed)) {
      // Not run, or its writes did not land: the batch's error is its answer.
      if (out.stream) out.stream->stop();
      out = Dispatched{error_response(committed ? Error{ErrorCode::internal, "the write was not run", {}}
                                                : committed.error()),
                       nullptr};
    }
    dispatcher_.record(job.request, out, job.started);
  }
  dispatcher_.metrics().write_batch_ran(jobs.size());  // counted before anyone is answered
  hand_over(jobs, answers);
}

void WriteLane::hand_over(std::deque<Job>& jobs, std::vector<Dispatched>& results) noexcept {
  try {
    // One handler for the batch: an I/O thread is woken once, not once per answer.
    net::post(answers_, [jobs = std::move(jobs), results = std::move(results)]() mutable {
      for (std::size_t i = 0; i < jobs.size(); ++i) {
        try {
          jobs[i].answer(std::move(results[i]));
        } catch (...) {
          // Out of memory handing the answer over: the connection times out instead.
        }
      }
    });
  } catch (...) {
    // Out of memory: the batch's connections time out instead.
  }
}

}  // namespace traction::http::detail
