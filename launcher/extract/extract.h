// extract: make cache items exist, building the missing ones in parallel.
#pragma once

#include <vector>

#include "common/zip_reader.h"
#include "launcher/extract/extract_plan.h"
#include "launcher/trace.h"
#include "runtime/cache/cache_root.h"
#include "runtime/cache/ledger.h"

namespace pexrc {

/// After this returns every item's `dest` exists and is complete. Missing
/// items are built under their locks (double-checked, so concurrent first runs
/// extract once and all succeed), all their files spread over every CPU.
/// Each item published or given bytecode is noted in `ledger` first (null
/// for a temporary root, which no later boot reads).
void ensure_extracted(const ZipReader& zip, const std::vector<const CacheItem*>& items,
                      const CacheRoot& cache, Ledger* ledger, const Trace& trace);

}  // namespace pexrc
