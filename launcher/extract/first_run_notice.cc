#include "launcher/extract/first_run_notice.h"

#include <unistd.h>

#include <system_error>

namespace pexrc {

FirstRunNotice::FirstRunNotice(std::string line, std::chrono::milliseconds delay) {
  if (!::isatty(2)) return;
  try {
    waiter_ = std::thread([this, line = std::move(line) + "\n", delay] {
      std::unique_lock<std::mutex> lock(mu_);
      if (cv_.wait_for(lock, delay, [this] { return done_; })) return;
      (void)::write(2, line.data(), line.size());
      shown_ = true;
      cv_.notify_all();
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
  cv_.notify_all();
  waiter_.join();
}

void FirstRunNotice::wait_until_shown() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return shown_; });
}

}  // namespace pexrc
