// How running apps mark what they use, so that housekeeping never removes it:
// a shared flock(2) on the venv directory, held by the app's own process
// (the descriptor survives the exec into Python, as pex's access lock does),
// and the directory's mtime as its last use.
#pragma once

#include <optional>
#include <string>

#include "common/file_io.h"
#include "runtime/cache/cache_root.h"

namespace pexrc {

/// Last use is recorded at most this often: a warm run then costs one fstat,
/// and a metadata write once an hour.
constexpr long kLastUseResolutionSeconds = 3600;

/// A shared lock on the venv at `dir`, not closed on exec, with its last use
/// brought up to date; nullopt if there is no finished venv there (never
/// built, or just taken away by a prune).
std::optional<UniqueFd> hold_venv(const std::string& dir);

/// The cache-wide lock: builders hold it shared from extraction until their
/// venv is held, prune holds it exclusively while it decides and unpublishes.
std::string cache_lock_path(const CacheRoot& cache);

}  // namespace pexrc
