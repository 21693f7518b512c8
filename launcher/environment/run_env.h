// environment: every variable the launcher obeys, read once by main and
// handed to the steps that need it, so that each variable has one reading and
// the steps can be tested with any environment.
//
// pex's variables are read by pex's rules: a boolean is 0/1/false/true in any
// case, an integer is decimal, an enumeration one of its names; pex dies on
// anything else, and so does the launcher (Error(kPexRefusal) naming the
// variable). pexrc's own switches follow one rule: unset or "" leaves the
// default, "0" turns the switch off and any other value turns it on.
//
// Read elsewhere, on purpose: the cache root's location (PEXRC_ROOT,
// PEX_ROOT, XDG_CACHE_HOME, HOME, TMPDIR; runtime/cache/cache_root, which
// pexrc-inject shares), and the environment the app and the interpreter
// probes inherit, passed on whole.
#pragma once

#include <string>

namespace pexrc {

/// getenv's shape: the value of a variable, or nullptr when it is unset.
using EnvLookup = const char* (*)(const char* name);

struct RunEnv {
  // pex's
  std::string path;              ///< PATH; "" when unset
  std::string search_path;       ///< PATH, or /usr/local/bin:/usr/bin:/bin when unset or ""
  std::string pex_python;        ///< PEX_PYTHON
  std::string pex_python_path;   ///< PEX_PYTHON_PATH
  std::string pex_path;          ///< PEX_PATH, ':'-separated archives
  std::string pex_inherit_path;  ///< PEX_INHERIT_PATH: "", false, prefer or fallback
  bool pex_ignore_errors = false;
  bool pex_tools = false;
  int pex_verbose = 0;           ///< PEX_VERBOSE, 0 when unset
  bool python_path_set = false;  ///< PYTHONPATH is set, even to ""
  // pexrc's
  std::string pexrc_python;       ///< PEXRC_PYTHON: the interpreter running `python app.pexrc`
  std::string pexrc_python_args;  ///< PEXRC_PYTHON_ARGS: its options, '\x1f'-separated
  std::string pexrc_payload;      ///< PEXRC_PAYLOAD: the .pexrc a copied launcher runs
  bool pexrc_tools = false;       ///< PEXRC_TOOLS: run pexrc's tools, not the app
  bool pexrc_compile = true;      ///< PEXRC_COMPILE: compile bytecode after a cold start
  /// PEXRC_CACHE_MAX_SIZE, PEXRC_KEEP_OLD_BUILDS: as written ("" when unset);
  /// runtime/cache/cache_limits reads them with the root's pexrc.toml.
  std::string pexrc_cache_max_size;
  std::string pexrc_keep_old_builds;
};

/// The launcher's environment. Throws Error(kPexRefusal) for a value pex
/// would refuse.
RunEnv read_run_env(EnvLookup lookup);

}  // namespace pexrc
