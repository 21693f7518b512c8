// Runs fn(i, worker) for i in [0, count) on up to `threads` threads, handing
// out indices one at a time so long items do not hold up short ones.
#pragma once

#include <cstddef>
#include <functional>

namespace pexrc {

/// Rethrows the first exception any call threw; after one fails, the other
/// threads stop taking new indices. Threads that cannot be created are done
/// without: at worst the calling thread does everything.
void parallel_for(size_t count, unsigned threads, const std::function<void(size_t, unsigned)>& fn);

}  // namespace pexrc
