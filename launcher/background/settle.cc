#include "launcher/background/settle.h"

#include "launcher/background/detached.h"

namespace pexrc {

void start_settling(const CacheRoot& cache, const Ledger& ledger, const Trace& trace) {
  // No lock of its own: each cold start's settle covers its own ledger, which
  // it inherits locked; a sync of a file system with nothing dirty is cheap.
  const std::string& own = ledger.path();
  if (run_detached("", [&] { settle_ledgers(cache, own); }) == Detached::kStarted)
    trace.log(1, "durability: syncing " + cache.root + "'s file system in the background (" + own +
                     ")");
}

}  // namespace pexrc
