// exec: replace the launcher with the interpreter running the app, so the
// app's pid, signals, stdio and exit status are the interpreter's own.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "common/pex_info.h"
#include "launcher/environment/run_env.h"
#include "launcher/venv/venv.h"

namespace pexrc {

/// execve(args) in the app's environment: PEX set to `pex_path`, every
/// variable the launcher uses for itself removed (messages from the fallback
/// __main__.py, and any inherited value of those it sets, which `extra_env`
/// ("NAME=value") then sets again), and the caller's `umask` back.
[[noreturn]] void exec_in_app_env(const std::vector<std::string>& args, const std::string& pex_path,
                                  const std::vector<std::string>& extra_env, mode_t umask);

/// Whether pex would run this PEX's app isolated from the environment
/// (PYTHON* variables, user site): a --venv PEX unless built with
/// --non-hermetic-venv-scripts; a zipapp when PYTHONPATH is set (even empty)
/// and neither PEX-INFO's inherit_path nor PEX_INHERIT_PATH widens it.
bool pex_isolates(const PexInfo& info, const RunEnv& env);

/// -I on Python 3, -E -s on Python 2 (which has no -I), as pex uses them.
std::vector<std::string> isolation_options(bool isolated, bool python3);

/// execve(venv python [PYTHON ARGS] [-S] boot ARGV0 ARGS...) with PEX set to
/// `pex_path`; `python_args` go between the interpreter and the boot script.
/// A non-empty `temporary_root` is passed on as _PEXRC_ROOT_FALLBACK for
/// the boot script to remove when the app exits; `lease_fd`, the venv's
/// held lock, as _PEXRC_LEASE_FD for it to make close-on-exec. `search_path`
/// (PATH) tells which file a bare argv[0] named.
/// Returns only by throwing Error(kExecFailed).
[[noreturn]] void exec_app(const AppVenv& venv, const std::vector<std::string>& python_args,
                           const std::string& pex_path, const std::string& temporary_root,
                           int lease_fd, const std::string& search_path, mode_t umask, int argc,
                           char** argv);

}  // namespace pexrc
