// tools: pex's PEX_TOOLS (info, interpreter, ...) from a .pexrc. The checks
// pex makes first happen here; the tools themselves are a Python program
// (pex_tools.py, embedded) run by the app's interpreter once the app's venv
// exists, so that they see exactly what the app would.
#pragma once

#include <string>

#include "common/pex_info.h"
#include "launcher/cache/cache_root.h"
#include "launcher/locate/payload.h"
#include "launcher/select/interpreter.h"

namespace pexrc {

/// PEX_TOOLS read as pex reads it: unset, "0" or "false" (any case) is off,
/// "1" or "true" on; anything else is Error(kToolError).
bool pex_tools_requested();

/// pex's first check: Error(kToolError) with pex's message unless the PEX
/// was built with tools (or with --venv, which implies them).
void require_pex_tools(const PexInfo& info, const std::string& pex_path);

/// Runs the tools program in the app's interpreter: argv[1..] are the tool
/// and its arguments. Returns only by throwing.
[[noreturn]] void exec_pex_tools(const Payload& app, const Interpreter& python,
                                 const CacheRoot& cache, int argc, char** argv);

}  // namespace pexrc
