// compile: after a cold start, give the venv's sources `.pyc` files for its
// interpreter, so later runs import at the bytecode floor even with
// PYTHONDONTWRITEBYTECODE=1 (as pip does at install time).
//
// The work happens in a detached, idle-priority process that outlives the
// launcher's exec: compiling a large app takes many times longer than its
// first start, so doing it before the exec would make that start much slower.
#pragma once

#include <string>

#include "launcher/extract/extract_plan.h"
#include "launcher/select/interpreter.h"
#include "launcher/trace.h"
#include "launcher/venv/venv.h"
#include "runtime/cache/cache_root.h"

namespace pexrc {

/// `<root>/locks/compile-<venv key>.lck`: held exclusively for as long as a
/// compilation of that venv runs (tests and benchmarks wait on it).
std::string compile_lock_path(const CacheRoot& cache, const AppVenv& venv);

/// Starts compiling every `.py` reachable from the venv's site-packages that
/// has no `.pyc` for `python` yet, unless the root is a temporary one or a
/// compilation of this venv already runs (PEXRC_COMPILE=0: main never calls
/// it). Returns at once;
/// failures only mean fewer `.pyc` files and are never reported as errors.
void start_bytecode_compile(const AppVenv& venv, const Interpreter& python, const CacheRoot& cache,
                            const Trace& trace);

/// Whether the payload gave every unit of `plan` that holds Python sources
/// this interpreter's bytecode (pexrc-inject compiled for its cache tag), so a
/// background compile would find nothing to do: it would only stat every
/// source and start interpreters while the app imports. Units reused from a
/// shared root get no layer added and do not count as covered.
bool shipped_bytecode_covers(const ExtractPlan& plan, const CacheRoot& cache);

/// The same, now and at normal priority, waiting for a compilation of this
/// venv already running (prepare). Never fails: what does not compile stays
/// source.
void compile_bytecode_now(const AppVenv& venv, const Interpreter& python, const CacheRoot& cache);

}  // namespace pexrc
