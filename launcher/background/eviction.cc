#include "launcher/background/eviction.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

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
  int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return;
  // Taken before the fork and inherited: held from now until the eviction
  // ends, one at a time.
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    trace.log(1, "cache limits: an eviction is already running");
    return;
  }
  bool started = run_detached([&] { evict(cache, limits); });
  ::close(fd);
  if (started) trace.log(1, "cache limits: evicting in the background (" + lock + ")");
}

}  // namespace pexrc
