// After a cold start, which is what grows a cache root: keep the root within
// its limits (runtime/cache/eviction.h) in the background.
#pragma once

#include "launcher/environment/run_env.h"
#include "launcher/trace.h"
#include "runtime/cache/cache_root.h"

namespace pexrc {

/// Unless the root is temporary or an eviction already runs, starts one in a
/// detached, idle-priority process (background/detached.h) and returns. The
/// app that is starting holds its venv, so nothing of it can go. A bad
/// setting (PEXRC_CACHE_MAX_SIZE, PEXRC_KEEP_OLD_BUILDS, the root's
/// pexrc.toml) is a one-line warning, and nothing is evicted.
void start_eviction(const CacheRoot& cache, const RunEnv& env, const Trace& trace);

}  // namespace pexrc
