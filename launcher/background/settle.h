// settle: after a cold start, make what it published durable (see
// runtime/cache/ledger.h) without making the app wait for the disk.
#pragma once

#include "launcher/trace.h"
#include "runtime/cache/cache_root.h"
#include "runtime/cache/ledger.h"

namespace pexrc {

/// Starts a detached process that, once the app has exited (or after 30 s),
/// syncs the root's file system and then retires `ledger` (and the ledgers
/// of dead writers of this boot). Returns at once; if the process cannot
/// start, the ledger stays for the next settle of this boot, or is checked
/// after a reboot.
void start_settling(const CacheRoot& cache, const Ledger& ledger, const Trace& trace);

}  // namespace pexrc
