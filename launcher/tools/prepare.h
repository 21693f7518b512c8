// `PEXRC_TOOLS=1 ./app.pexrc prepare [--json]`: everything a first run does
// (select the interpreter, extract, build the venv) plus the bytecode, done
// now and synchronously, and no app started. For images and fleets that warm
// a cache at build time and run the app from it later, as other users.
#pragma once

#include <string>

#include "launcher/select/interpreter.h"
#include "launcher/venv/venv.h"
#include "runtime/cache/cache_root.h"

namespace pexrc {

struct PrepareOptions {
  bool json = false;
};

/// Parses `prepare [--json] [--help]` (argv[1] is "prepare"); --help prints
/// and exits 0, anything else unknown is a usage error.
PrepareOptions parse_prepare_args(int argc, char** argv);

/// Prints what was prepared: a line, or a JSON object with --json. Fails if
/// the cache root could not be used (a temporary root keeps nothing).
void report_prepared(const PrepareOptions& options, const std::string& pex_path,
                     const Interpreter& python, const AppVenv& venv, const CacheRoot& cache,
                     bool built);

}  // namespace pexrc
