#pragma once

namespace pexrc {

/// The number of CPUs this process may run on (its affinity mask), at least 1.
unsigned usable_cpus();

}  // namespace pexrc
