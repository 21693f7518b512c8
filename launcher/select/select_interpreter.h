// select: pick the interpreter that runs the app.
#pragma once

#include <string>

#include "common/launch_info.h"
#include "common/pex_info.h"
#include "launcher/cache/cache_root.h"
#include "launcher/select/interpreter.h"
#include "launcher/trace.h"

namespace pexrc {

/// Follows pex: the "current" interpreter is used when it qualifies, and only
/// otherwise is PATH searched, interpreter_selection_strategy picking the
/// oldest or newest qualifying version (ties: first found). The current one
/// is PEXRC_PYTHON (set by `python app.pexrc`), else the interpreter the
/// original PEX's #! line names. Throws Error(kNoInterpreter) listing what was
/// searched, what was found and why each was rejected.
Interpreter select_interpreter(const PexInfo& info, const LaunchInfo& launch,
                               const std::string& pex_path, const CacheRoot& cache,
                               const Trace& trace);

}  // namespace pexrc
