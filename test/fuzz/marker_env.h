// Fuzz helper: a complete marker environment (every PEP 508 variable set), so
// that evaluating a parsed marker never stops at a missing variable.
#pragma once

#include "common/pep508.h"

namespace pexrc::fuzz {

inline MarkerEnvironment linux_cpython_env() {
  return {
      {"python_version", "3.11"},
      {"python_full_version", "3.11.7"},
      {"os_name", "posix"},
      {"sys_platform", "linux"},
      {"platform_release", "6.1.0-18-amd64"},
      {"platform_system", "Linux"},
      {"platform_version", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1"},
      {"platform_machine", "x86_64"},
      {"platform_python_implementation", "CPython"},
      {"implementation_name", "cpython"},
      {"implementation_version", "3.11.7"},
  };
}

}  // namespace pexrc::fuzz
