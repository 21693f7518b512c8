// venv: a PEP 405 virtual environment per (app, interpreter) whose
// site-packages is a tree of symlinks into the shared, extracted wheels.
// Python 2, which has no venvs, gets the same tree without pyvenv.cfg and is
// started isolated (-S -s), its boot script adding the site-packages itself.
#pragma once

#include <string>

#include "common/pex_info.h"
#include "launcher/extract/extract_plan.h"
#include "launcher/select/interpreter.h"
#include "launcher/trace.h"
#include "runtime/cache/cache_root.h"
#include "runtime/cache/ledger.h"

namespace pexrc {

struct AppVenv {
  std::string dir;  ///< <root>/venvs/<key>; exists only when complete
  std::string
      python;  ///< what to exec: <dir>/bin/<interpreter>, or the interpreter itself (Python 2)
  bool is_venv =
      true;          ///< false: no pyvenv.cfg; started with -S, the boot script adds site-packages
  std::string boot;  ///< <dir>/pexrc-boot.py
  /// Which build of the app (a hash of AppContents::key_text), recorded in
  /// the venv's manifest; set on a cold start only, where it is written.
  std::string build;
};

/// Where the venv for these contents (AppContents::key_text) and interpreter
/// lives (no I/O).
AppVenv venv_location(const CacheRoot& cache, const std::string& pex_info_text,
                      const Interpreter& python);

/// Builds and publishes the venv, noted in `ledger` first (if any); the
/// plan's items must already be extracted.
void build_venv(const AppVenv& venv, const Interpreter& python, const ExtractPlan& plan,
                const PexInfo& info, const std::string& pex_info_text, const std::string& pex_path,
                const CacheRoot& cache, Ledger* ledger, const Trace& trace);

}  // namespace pexrc
