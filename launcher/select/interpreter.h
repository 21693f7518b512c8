// select: who each candidate interpreter is (probed once per binary, then
// cached), and which one runs the app.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/interpreter_constraint.h"
#include "common/pep440.h"
#include "launcher/trace.h"
#include "runtime/cache/cache_root.h"

namespace pexrc {

struct Interpreter {
  std::string candidate;   ///< the path it was found as
  std::string executable;  ///< the real binary, symlinks, shims and venvs resolved
  std::string version_text;
  InterpreterFacts facts;
  std::string site_packages;  ///< relative to a venv root, e.g. lib/python3.11/site-packages
  std::string cache_tag;      ///< sys.implementation.cache_tag ("cpython-311"); "" if none
  std::string libc;           ///< "musl 1.2" on musl (for the trace); "" otherwise
  std::string probe_json;     ///< everything the probe reported (tags and markers derive from it)

  /// PEP 405 venvs exist from Python 3.3 on; Python 2 runs get an isolated
  /// start of their own instead (see venv/).
  bool supports_venv() const {
    return !facts.version.release.empty() && facts.version.release[0] >= 3;
  }
};

/// Why a .pexrc (or a wrapper running one) named as an interpreter is none.
constexpr const char* kIsPexrcLauncher = "is a pexrc launcher (a .pexrc), not a Python interpreter";

/// Who each candidate is: an Interpreter, or nullopt and why it is not one.
struct Identities {
  std::vector<std::optional<Interpreter>> found;
  std::vector<std::string> why_not;  ///< "" where found
};

/// Identities of `candidates`. Cached entries whose binary is unchanged
/// (same device, inode, size, mtime) are reused; the rest are probed in
/// parallel, and definite answers are written to the cache (a probe that
/// could not start, was killed or timed out is asked again next time).
Identities identify_interpreters(const std::vector<std::string>& candidates, const CacheRoot& cache,
                                 const Trace& trace);

}  // namespace pexrc
