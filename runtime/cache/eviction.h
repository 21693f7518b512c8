// Keeping a cache root within its limits (cache/cache_limits.h): what goes,
// decided from an inventory, and taking it away. Run by the detached child a
// cold start leaves behind, and by `cache prune`; shown by `cache info`.
//
// Old builds: the venvs of an app path (a .pexrc at one place; a copy or a
// link elsewhere is another app) built from other PEX-INFO/PEXRC-INFO than
// its most recently used venv's. Such a venv goes once it has been neither
// used nor superseded for `keep_old_builds`, and before any other venv when
// the cache is over its cap.
//
// Over the cap, in this order until the root fits: wheel and code units no
// venv links to (nothing uses them), old builds, then the least recently
// used venvs, each with the units only it linked to. Never a venv an app
// holds (the running apps, and the one starting) nor a unit one links to.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/cache/cache_limits.h"
#include "runtime/cache/inventory.h"

namespace pexrc {

struct Eviction {
  std::string dir;  ///< "venvs/<key>", "wheels/<hash>", "code/<hash>"
  std::string name;
  uint64_t bytes = 0;
  std::string why;  ///< "old build", "over the cap", "unlinked"
};

struct EvictionPlan {
  uint64_t size = 0;  ///< the root's size now
  std::vector<Eviction> items;
  uint64_t freed = 0;
  std::vector<std::string> old_builds;  ///< venvs that are old builds, kept for now
};

/// `<root>/locks/evict.lck`: held exclusively while the detached eviction
/// runs, so that one runs at a time (tests wait on it).
std::string eviction_lock_path(const CacheRoot& cache);

/// Whether a cold start should start an eviction: a cap is set, or some app
/// has venvs of two builds (reads each venv's manifest, nothing else).
bool worth_evicting(const CacheRoot& cache, const CacheLimits& limits);

/// Pure: what goes from `inv` at time `now` (seconds since the epoch).
EvictionPlan plan_eviction(const Inventory& inv, const CacheLimits& limits, int64_t now);

struct EvictionReport {
  size_t venvs = 0, units = 0;
  uint64_t freed = 0, size_after = 0;
};

/// Takes the cache lock exclusively (no builder between extraction and its
/// venv being held), plans and takes away. Venvs an app holds by then stay,
/// and the units they link to. Refuses (exit 77) a root it cannot trust.
EvictionReport evict(const CacheRoot& cache, const CacheLimits& limits);

}  // namespace pexrc
