// Where one extraction worker's time goes, step by step, for PEX_VERBOSE:
// the split that says whether decoding, hashing or the file system is what a
// first run waits for.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace pexrc {

struct StepTimes {
  uint64_t create_ns = 0;  ///< open(O_CREAT|O_EXCL) and fallocate
  uint64_t decode_ns = 0;  ///< pread and zstd
  uint64_t hash_ns = 0;    ///< SHA-256 of the content
  uint64_t wait_ns = 0;    ///< waiting for a frame's turn to be written
  uint64_t write_ns = 0;   ///< write/pwrite
  uint64_t close_ns = 0;

  StepTimes& operator+=(const StepTimes& o);
  /// "create 1.2 ms, decode 3.4 ms, hash …, wait …, write …, close …"
  std::string describe() const;
};

inline uint64_t steady_ns() {
  return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::steady_clock::now().time_since_epoch())
                      .count());
}

/// Adds the time from its construction to its destruction to one step.
class StepClock {
 public:
  explicit StepClock(uint64_t& step) : step_(step), start_(steady_ns()) {}
  ~StepClock() { step_ += steady_ns() - start_; }
  StepClock(const StepClock&) = delete;
  StepClock& operator=(const StepClock&) = delete;

 private:
  uint64_t& step_;
  uint64_t start_;
};

}  // namespace pexrc
