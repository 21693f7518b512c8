#include "common/usable_cpus.h"

#include <sched.h>
#include <unistd.h>

namespace pexrc {

// The affinity mask, not the machine's CPU count: containers and taskset
// often grant fewer cores than the host has.
unsigned usable_cpus() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
    return unsigned(CPU_COUNT(&set));
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? unsigned(n) : 1;
}

}  // namespace pexrc
