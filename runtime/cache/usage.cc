#include "runtime/cache/usage.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>

#include <cerrno>

#include "runtime/cache/work_dirs.h"

namespace pexrc {

std::optional<UniqueFd> hold_venv(const std::string& dir) {
  // No O_CLOEXEC: the lock must outlive this program and last as long as the app.
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return std::nullopt;
  UniqueFd held(fd);
  while (::flock(fd, LOCK_SH) != 0)
    if (errno != EINTR) return std::nullopt;
  // A prune moves a venv away while it holds the lock exclusively; one that
  // did so while we waited leaves us holding a directory no longer at `dir`.
  struct stat by_fd;
  if (!still_at(fd, dir) || ::fstat(fd, &by_fd) != 0) return std::nullopt;
  struct timespec now;
  if (::clock_gettime(CLOCK_REALTIME_COARSE, &now) == 0 &&
      now.tv_sec - by_fd.st_mtim.tv_sec > kLastUseResolutionSeconds)
    (void)::futimens(fd, nullptr);  // a read-only cache just keeps its old date
  return held;
}

std::string cache_lock_path(const CacheRoot& cache) { return cache.locks() + "/cache.lck"; }

}  // namespace pexrc
