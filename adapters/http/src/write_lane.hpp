#pragma once
// The write lane: requests that change data run one after another on one thread of the
// server. Each time it takes every request queued meanwhile (up to a limit) and runs
// their handlers as one batch through ServerOptions::write_batches — with the SQLite store,
// one transaction, one savepoint per write, one durable COMMIT — then records and answers
// them. No worker thread is parked per write and no hand-off to a batch leader and back
// is made per write. When the batch's commit fails, every answer of it that would have
// been a success becomes that error (its writes did not land); error answers stand.
// A batch's answers go to the I/O threads in one hand-over: one handler that runs each
// job's answer, instead of one wake-up of an I/O thread per answer.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "net.hpp"
#include "traction/http/dispatcher.hpp"
#include "traction/http/server.hpp"

namespace traction::http::detail {

class WriteLane {
 public:
  struct Job {
    Request request;
    Started started;  // from Dispatcher::begin(), with a route to run
    // Takes the recorded answer; called by a handler run on `answers` (below).
    std::function<void(Dispatched)> answer;
  };

  // Starts the lane's thread. Answers are handed over to `answers` (the I/O threads').
  WriteLane(const Dispatcher& dispatcher, WriteBatches batches, std::size_t limit,
            net::io_context& answers);
  // Runs what is queued, then joins.
  ~WriteLane();
  WriteLane(const WriteLane&) = delete;
  WriteLane& operator=(const WriteLane&) = delete;

  void submit(Job job);
  // Runs what is queued, then ends the thread; later submits are answered at once with
  // 503. Idempotent.
  void stop() noexcept;

 private:
  void run() noexcept;
  void run_batch(std::deque<Job>& jobs) noexcept;
  // Runs each job's answer, with its result, in one handler on `answers_`.
  void hand_over(std::deque<Job>& jobs, std::vector<Dispatched>& results) noexcept;

  const Dispatcher& dispatcher_;
  WriteBatches batches_;
  std::size_t limit_;
  net::io_context& answers_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace traction::http::detail
