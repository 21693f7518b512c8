#include "launcher/extract/first_run_notice.h"

#include <unistd.h>

#include <system_error>

namespace pexrc {

FirstRunNotice::FirstRunNotice(std::string line, std::chrono::milliseconds delay) {
  if (!::isatty(2)) return;
  try {
    waiter_ = std::thread([this, line = std::move(line) + "\n", delay] {
      std::unique_lock<std::mutex> lock(mu_);
      if (!done_cv_.wait_for(lock, delay, [this] { return done_; }))
        (void)::write(2, line.data(), line.size());
    });
  } catch (const std::system_error&) {
    // No thread to spare (a process limit): the notice is only a courtesy.
  }
}

FirstRunNotice::~FirstRunNotice() {
  if (!waiter_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
  }
  done_cv_.notify_one();
  waiter_.join();
}

}  // namespace pexrc
