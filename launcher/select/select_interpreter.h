// select: pick the interpreter that runs the app.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/launch_info.h"
#include "common/pex_info.h"
#include "launcher/environment/run_env.h"
#include "launcher/select/interpreter.h"
#include "launcher/trace.h"
#include "runtime/cache/cache_root.h"

namespace pexrc {

/// Why the PEX's requirements do not resolve for an interpreter ("" if they do).
using ResolveCheck = std::function<std::string(const Interpreter&)>;

/// Follows pex's rules (the variables are `env`'s):
/// - PEX_PYTHON as an absolute path: exactly that interpreter, or an error.
/// - PEX_PYTHON as a name: only interpreters of that name on PATH.
/// - otherwise PEX_PYTHON_PATH (directories or files), else PATH.
/// The "current" interpreter -- PEXRC_PYTHON (set by `python app.pexrc`), else
/// the one the original PEX's #! line names -- is used when it qualifies
/// (without searching at all when no PEX_PYTHON* is set); otherwise
/// interpreter_selection_strategy picks the oldest or newest qualifying one
/// (ties: first found). Qualifying means: a supported Python, within
/// interpreter_constraints, and `resolves` finds the PEX's wheels for it.
/// Throws Error(kNoInterpreter) listing what was searched, what was found
/// and why each was rejected.
Interpreter select_interpreter(const PexInfo& info, const LaunchInfo& launch,
                               const std::string& pex_path, const RunEnv& env,
                               const CacheRoot& cache, const Trace& trace,
                               const ResolveCheck& resolves);

/// For `interpreter --all`: `selected` first, then every other qualifying
/// interpreter on PEX_PYTHON_PATH or PATH (PEX_PYTHON is not applied), in the
/// order found, each binary once.
std::vector<Interpreter> compatible_interpreters(const PexInfo& info, const Interpreter& selected,
                                                 const std::string& pex_path, const RunEnv& env,
                                                 const CacheRoot& cache, const Trace& trace,
                                                 const ResolveCheck& resolves);

}  // namespace pexrc
