#include "launcher/background/eviction.h"

#include "common/error.h"
#include "launcher/background/detached.h"
#include "runtime/cache/cache_limits.h"
#include "runtime/cache/eviction.h"

namespace pexrc {

void start_eviction(const CacheRoot& cache, const RunEnv& env, const Trace& trace) {
  if (cache.temporary) return;
  CacheLimits limits;
  try {
    limits = read_cache_limits(cache, env.pexrc_cache_max_size.c_str(),
                               env.pexrc_keep_old_builds.c_str());
  } catch (const Error& e) {
    warn(std::string(e.what()) + "; the cache is not kept within limits until that is fixed");
    return;
  }
  if (!worth_evicting(cache, limits)) return;
  std::string lock = eviction_lock_path(cache);
  switch (run_detached(lock, [&] { evict(cache, limits); })) {
    case Detached::kStarted:
      trace.log(1, "cache limits: evicting in the background (" + lock + ")");
      break;
    case Detached::kAlreadyRunning:
      trace.log(1, "cache limits: an eviction is already running");
      break;
    case Detached::kFailed:
      break;
  }
}

}  // namespace pexrc
