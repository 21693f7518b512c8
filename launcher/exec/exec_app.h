// exec: replace the launcher with the interpreter running the app, so the
// app's pid, signals, stdio and exit status are the interpreter's own.
#pragma once

#include <string>

#include "launcher/venv/venv.h"

namespace pexrc {

/// execve(venv python [-S] boot ARGV0 ARGS...) with PEX set to `pex_path`.
/// Returns only by throwing Error(kExecFailed).
[[noreturn]] void exec_app(const AppVenv& venv, const std::string& pex_path, int argc, char** argv);

}  // namespace pexrc
