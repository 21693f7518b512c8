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

 private:
  std::mutex mu_;
  std::condition_variable done_cv_;
  bool done_ = false;
  std::thread waiter_;
};

}  // namespace pexrc
