// extract: one line on a terminal when a first run is slow, so a person
// waiting knows why; scripts reading stderr (not a TTY) never see it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace pexrc {

class FirstRunNotice {
 public:
  /// Prints `line` on stderr if stderr is a terminal and this object still
  /// lives after `delay`.
  FirstRunNotice(std::string line, std::chrono::milliseconds delay);
  ~FirstRunNotice();
  FirstRunNotice(const FirstRunNotice&) = delete;
  FirstRunNotice& operator=(const FirstRunNotice&) = delete;

  /// Whether the line may still be shown (stderr is a terminal and a thread
  /// waits out the delay).
  bool armed() const { return waiter_.joinable(); }
  /// Blocks until an armed notice has printed its line: tests wait for the
  /// event instead of sleeping past the delay.
  void wait_until_shown();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  bool shown_ = false;
  std::thread waiter_;
};

}  // namespace pexrc
