// Work spread over a few threads, the calling one among them.
#pragma once

#include <cstddef>
#include <thread>
#include <vector>

namespace wincompat {

/// Runs `worker` on `threads` threads (at least one: this one) and returns
/// once every copy has returned. Workers share their work themselves (an
/// atomic index), so the result never depends on scheduling.
template <typename Worker> void run_on_threads(size_t threads, Worker &&worker) {
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) {
    pool.emplace_back(worker);
  }
  worker();
  for (std::thread &thread : pool) {
    thread.join();
  }
}

} // namespace wincompat
