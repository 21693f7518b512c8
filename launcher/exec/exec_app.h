// exec: replace the launcher with the interpreter running the app, so the
// app's pid, signals, stdio and exit status are the interpreter's own.
#pragma once

#include <string>
#include <vector>

#include "launcher/venv/venv.h"

namespace pexrc {

/// execve(venv python [PYTHON ARGS] [-S] boot ARGV0 ARGS...) with PEX set to `pex_path`.
/// Returns only by throwing Error(kExecFailed).
/// A non-empty `temporary_root` is passed on as _PEXRC_ROOT_FALLBACK for
/// the boot script to remove when the app exits.
/// `python_args` go between the interpreter and the boot script.
/// execve(args) in the app's environment: PEX set to `pex_path`, the
/// launcher's own PEXRC_* messages removed, `extra_env` ("NAME=value") added.
[[noreturn]] void exec_in_app_env(const std::vector<std::string>& args, const std::string& pex_path,
                                  const std::vector<std::string>& extra_env);

[[noreturn]] void exec_app(const AppVenv& venv, const std::vector<std::string>& python_args,
                           const std::string& pex_path, const std::string& temporary_root, int argc,
                           char** argv);

}  // namespace pexrc
