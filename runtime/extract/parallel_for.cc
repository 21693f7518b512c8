#include "runtime/extract/parallel_for.h"

#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace pexrc {

void parallel_for(size_t count, unsigned threads, const std::function<void(size_t, unsigned)>& fn) {
  if (count == 0) return;
  if (threads > count) threads = unsigned(count);
  if (threads < 1) threads = 1;
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mu;
  auto worker = [&](unsigned id) {
    for (size_t i; !failed && (i = next.fetch_add(1)) < count;) {
      try {
        fn(i, id);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mu);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  // Under a process limit (ulimit -u) some threads may not start: the ones
  // that did, with the calling thread, share the work all the same.
  for (unsigned t = 1; t < threads; ++t) try {
      pool.emplace_back(worker, t);
    } catch (const std::system_error&) {
      break;
    }
  worker(0);
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace pexrc
