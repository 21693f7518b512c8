// How big a cache root may grow and how long an app's previous build stays:
// PEXRC_CACHE_MAX_SIZE and PEXRC_KEEP_OLD_BUILDS, else `max_size` and
// `keep_old_builds` in the root's pexrc.toml (set once by an administrator),
// else no cap and a week.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "runtime/cache/cache_root.h"

namespace pexrc {

/// In the cache root: `max_size = "20G"`, `keep_old_builds = "7d"`.
constexpr const char* kCacheSettingsName = "pexrc.toml";
constexpr int64_t kDefaultKeepOldBuilds = 7 * 86400;

struct CacheLimits {
  std::optional<uint64_t> max_bytes;                ///< no cap when unset
  int64_t keep_old_builds = kDefaultKeepOldBuilds;  ///< seconds
  std::string source;                               ///< where max_bytes came from, for `cache info`
};

/// "20G", "512M", "1.5T", "800K" or plain bytes (binary multiples; a
/// trailing "B" or "iB" is allowed); nullopt if not a size.
std::optional<uint64_t> parse_size(const std::string& text);

/// The variables' values (nullptr when unset) override the root's
/// pexrc.toml, which is read only if it is a regular file owned by you or
/// root and writable by no one else. Throws Error(kConfig) naming the
/// variable or the file's line when a value is not a size or an age.
CacheLimits read_cache_limits(const CacheRoot& cache, const char* max_size_var,
                              const char* keep_old_builds_var);

}  // namespace pexrc
