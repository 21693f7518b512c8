// Taking entries out of a cache root for good (prune, eviction, repair):
// each goes in one rename into a locked work directory, so it is gone for
// every reader at once, and if we are killed while deleting it, a later
// sweep of work/ finishes the job.
#pragma once

#include <string>

#include "runtime/cache/cache_root.h"
#include "runtime/cache/work_dirs.h"

namespace pexrc {

class Trash {
 public:
  Trash(const CacheRoot& cache, const std::string& label)
      : cache_(cache), work_(cache.work(), label) {}
  /// Moves <root>/<dir> ("venvs/<key>", "wheels/<hash>") into the trash and
  /// removes the lock files named after it; false if it could not be moved.
  /// The caller holds what makes that safe (the cache lock, the venv's lock).
  bool take(const std::string& dir);
  /// The trash goes with the work directory, when this goes out of scope.

 private:
  const CacheRoot& cache_;
  WorkDir work_;
  size_t serial_ = 0;
};

}  // namespace pexrc
