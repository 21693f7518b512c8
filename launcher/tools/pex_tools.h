// tools: pex's PEX_TOOLS (info, interpreter, venv, ...) from a .pexrc. The
// checks pex makes first happen here; the tools themselves are a Python
// program (launcher/tools/pex_tools/, which pexrc-inject stores as the
// PEXRC-TOOLS entry of PEXes built with tools) run by the app's interpreter
// once the app's venv exists, so that they see exactly what the app would.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "common/pex_info.h"
#include "launcher/resolve/resolve.h"
#include "launcher/select/interpreter.h"
#include "runtime/cache/cache_root.h"
#include "runtime/locate/payload.h"

namespace pexrc {

/// pex's first check: Error(kPexRefusal) with pex's message unless the PEX
/// was built with tools (or with --venv, which implies them).
void require_pex_tools(const PexInfo& info, const std::string& pex_path);

/// Every interpreter the app could run with, for `interpreter --all`.
using FindCompatible = std::function<std::vector<Interpreter>()>;

/// Runs the tools program in the app's interpreter: argv[1..] are the tool
/// and its arguments; `venv_dir` is the app's venv in the cache; `markers`
/// the app's requirement markers evaluated for `python`. Returns only by
/// throwing.
[[noreturn]] void exec_pex_tools(const Payload& app, const Interpreter& python,
                                 const std::string& venv_dir, const nlohmann::json& markers,
                                 const CacheRoot& cache, const FindCompatible& find_compatible,
                                 mode_t umask, int argc, char** argv);

}  // namespace pexrc
