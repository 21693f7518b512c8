#include "launcher/trace.h"

#include <unistd.h>

#include <cstdio>

namespace pexrc {

Trace::Trace(int level) : level_(level), start_(Clock::now()), last_(start_) {}

void Trace::log(int level, const std::string& message) const {
  if (level_ < level) return;
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - start_).count();
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "pexrc: [%8.3f ms] ", ms);
  std::string line = stamp + message + "\n";
  (void)::write(2, line.data(), line.size());
}

void Trace::phase(const char* name) {
  if (!level_) return;
  auto now = Clock::now();
  char buf[64];
  std::snprintf(buf, sizeof buf, " took %.3f ms",
                std::chrono::duration<double, std::milli>(now - last_).count());
  last_ = now;
  log(1, std::string(name) + buf);
}

}  // namespace pexrc
