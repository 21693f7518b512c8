// `cache prune`: removes venvs not used for a while, then the wheels and code
// that no remaining venv links to, and the debris of dead processes. Never
// anything a running app uses: venvs an app holds are skipped, and builders
// are kept out (cache lock) while units are judged and taken away.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/cache/cache_root.h"

namespace pexrc {

struct PruneReport {
  size_t venvs = 0, wheels = 0, code = 0;  ///< removed
  size_t venvs_in_use = 0;                 ///< old enough, but an app holds them
  size_t debris = 0;                       ///< work/ entries of dead processes
  size_t identities = 0;  ///< interpreters/ entries of binaries gone, or that are no Python
  uint64_t bytes = 0;     ///< freed
};

/// `older_than`: seconds since a venv's last use; 0 removes every venv not in use.
/// Refuses (exit 77) a root whose layout cannot be trusted (cache/trust.h).
PruneReport prune_cache(const CacheRoot& cache, int64_t older_than);

}  // namespace pexrc
