// select: who each candidate interpreter is (probed once per binary, then
// cached), and which one runs the app.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/interpreter_constraint.h"
#include "common/pep440.h"
#include "launcher/cache/cache_root.h"
#include "launcher/trace.h"

namespace pexrc {

struct Interpreter {
  std::string candidate;   ///< the path it was found as
  std::string executable;  ///< the real binary, symlinks and shims resolved
  std::string version_text;
  InterpreterFacts facts;
};

/// Identities of `candidates` (nullopt: not a usable Python). Cached entries
/// whose binary is unchanged (same device, inode, size, mtime) are reused;
/// the rest are probed in parallel and written to the cache.
std::vector<std::optional<Interpreter>> identify_interpreters(
    const std::vector<std::string>& candidates, const CacheRoot& cache, const Trace& trace);

}  // namespace pexrc
