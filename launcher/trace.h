// PEX_VERBOSE output: what was chosen and why, and how long each phase took,
// so a slow start explains itself. Everything goes to stderr.
#pragma once

#include <chrono>
#include <string>

namespace pexrc {

class Trace {
 public:
  /// `level`: PEX_VERBOSE's (0 = silent).
  explicit Trace(int level);
  bool enabled(int level = 1) const { return level_ >= level; }
  /// Prints "pexrc: [  1.23 ms] message" when the level is on.
  void log(int level, const std::string& message) const;
  /// Logs the end of a phase with its duration since the previous phase.
  void phase(const char* name);

 private:
  using Clock = std::chrono::steady_clock;
  int level_ = 0;
  Clock::time_point start_;
  Clock::time_point last_;
};

}  // namespace pexrc
