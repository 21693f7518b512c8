#include "runtime/extract/step_times.h"

#include <cstdio>

namespace pexrc {

StepTimes& StepTimes::operator+=(const StepTimes& o) {
  create_ns += o.create_ns;
  decode_ns += o.decode_ns;
  hash_ns += o.hash_ns;
  wait_ns += o.wait_ns;
  write_ns += o.write_ns;
  close_ns += o.close_ns;
  return *this;
}

std::string StepTimes::describe() const {
  char buf[160];
  std::snprintf(buf, sizeof buf,
                "create %.1f ms, decode %.1f ms, hash %.1f ms, wait %.1f ms, write %.1f ms, "
                "close %.1f ms",
                create_ns / 1e6, decode_ns / 1e6, hash_ns / 1e6, wait_ns / 1e6, write_ns / 1e6,
                close_ns / 1e6);
  return buf;
}

}  // namespace pexrc
