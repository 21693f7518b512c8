// The pexrc launcher: the native stub at the front of every .pexrc.
//
//   locate payload (and PEX_PATH's) -> trust the cache root -> select
//   interpreter -> hold its venv (cold only: resolve wheels, extract and
//   verify them and the code, build the venv, start compiling bytecode in
//   the background) -> exec.
//
// A warm run reads a few small pieces of its own file, stats a few paths
// (the cache root's ownership among them) and execs; everything else happens
// once per app and interpreter.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "common/error.h"
#include "common/file_io.h"
#include "common/launcher_identity.h"
#include "common/process_start.h"
#include "common/sha256.h"
#include "common/text.h"
#include "launcher/background/eviction.h"
#include "launcher/background/settle.h"
#include "launcher/compile/bytecode.h"
#include "launcher/environment/run_env.h"
#include "launcher/exec/exec_app.h"
#include "launcher/extract/extract.h"
#include "launcher/extract/extract_plan.h"
#include "launcher/resolve/app_contents.h"
#include "launcher/select/select_interpreter.h"
#include "launcher/tools/pex_tools.h"
#include "launcher/tools/prepare.h"
#include "launcher/trace.h"
#include "launcher/venv/venv.h"
#include "runtime/cache/cache_command.h"
#include "runtime/cache/cache_root.h"
#include "runtime/cache/fs_ops.h"
#include "runtime/cache/inventory.h"
#include "runtime/cache/ledger.h"
#include "runtime/cache/usage.h"
#include "runtime/cache/work_dirs.h"
#include "runtime/locate/payload.h"
#include "runtime/select/probe.h"

namespace pexrc {
namespace {

// PEX-INFO's inject_python_args, then the options `python -X… app.pexrc`
// was given (handed over by the fallback __main__.py).
std::vector<std::string> python_args(const PexInfo& info, const RunEnv& env) {
  std::vector<std::string> args = info.inject_python_args;
  for (std::string& a : split_nonempty(env.pexrc_python_args, '\x1f')) args.push_back(std::move(a));
  return args;
}

// An interpreter with a finished venv for these contents resolved before;
// only others need the archives' wheel metadata, read once, on demand.
ResolveCheck resolve_check(AppContents& contents, const CacheRoot& cache) {
  return [&contents, cache](const Interpreter& in) {
    if (path_exists(venv_location(cache, contents.key_text(), in).dir)) return std::string();
    return contents.resolution_error(in);
  };
}

// A temporary root built only what the shared root it stands in for (a
// read-only, pre-warmed cache) lacks.
void reuse_shared_units(std::vector<AppContents::SourcePlan>& plans, const CacheRoot& cache) {
  if (cache.shared.empty()) return;
  for (AppContents::SourcePlan& p : plans)
    for (std::vector<CacheItem>* items : {&p.plan.code, &p.plan.wheels})
      for (CacheItem& item : *items) {
        std::string shared = cache.shared + item.dest.substr(cache.root.size());
        if (!path_exists(item.dest) && path_exists(shared)) item.dest = std::move(shared);
      }
}

// A temporary root goes when the app exits (the boot script removes it);
// when the launcher fails instead, here. exec never returns, so only an
// error reaches the destructor.
class RemovedOnError {
 public:
  RemovedOnError() = default;
  explicit RemovedOnError(const CacheRoot& cache) : root_(cache.temporary ? cache.root : "") {}
  RemovedOnError(RemovedOnError&& o) noexcept : root_(std::move(o.root_)) { o.root_.clear(); }
  RemovedOnError& operator=(RemovedOnError&& o) noexcept {
    std::swap(root_, o.root_);
    return *this;
  }
  ~RemovedOnError() {
    if (!root_.empty()) remove_tree(root_);
  }

 private:
  std::string root_;
};

// Everything an exec needs: the interpreter and its finished venv, held.
struct ReadyApp {
  CacheRoot cache;
  RemovedOnError temporary_root;
  Interpreter python;
  AppVenv venv;
  UniqueFd held;
  std::optional<Ledger> ledger;  ///< what this run publishes (not in a temporary root)
  bool built = false;            ///< a cold start: this run built the venv
  bool compile_later = false;    ///< a background compile is worth starting
};

// locate (done) -> select -> (cold only: resolve -> extract -> venv) -> held.
// `compile_now`: compile the bytecode before returning (prepare) instead of
// in the background.
ReadyApp make_ready(AppContents& contents, const RunEnv& env, Trace& trace, bool compile_now) {
  const Payload& app = contents.app();
  ReadyApp r;
  r.cache = trusted_root_or_fallback();
  r.temporary_root = RemovedOnError(r.cache);
  const CacheRoot& cache = r.cache;
  Interpreter& python = r.python = select_interpreter(app.info, app.launch, app.path, env, cache,
                                                      trace, resolve_check(contents, cache));
  trace.phase("select interpreter");

  AppVenv& venv = r.venv = venv_location(cache, contents.key_text(), python);
  std::optional<UniqueFd> in_use = hold_venv(venv.dir);
  // A unit of a finished venv deleted since (by hand, or repaired while the
  // venv was held) is extracted again: this venv's links then work.
  if (in_use) {
    std::vector<std::string> missing = missing_units(cache, venv.dir);
    if (!missing.empty()) {
      trace.log(1, venv.dir + " lacks " + missing[0] + (missing.size() > 1 ? " and more" : "") +
                       ": extracting again");
      in_use.reset();
    }
  }
  // prepare runs at build time, often for minutes: say what it does.
  auto progress = [compile_now](const char* what) {
    if (!compile_now || !::isatty(2)) return;
    std::string line = std::string("pexrc: prepare: ") + what + "\n";
    (void)::write(2, line.data(), line.size());
  };
  if (!in_use) {
    progress("extracting and building the venv...");
    if (std::optional<CacheRoot> fallback = writable_or_fallback(cache)) {
      r.cache = *fallback;
      r.temporary_root = RemovedOnError(r.cache);
      venv = venv_location(cache, contents.key_text(), python);
    }
    make_dirs(cache.locks());
    // Shared with other builders; a prune waits until this venv is held.
    DirLock building(cache_lock_path(cache), true);
    sweep_work_dirs(cache.work());
    sweep_dead_temporary_roots();
    // What this run publishes is noted before, and synced after (below).
    // A temporary root is never read after this run.
    if (!cache.temporary) r.ledger.emplace(cache);
    Ledger* ledger = r.ledger ? &*r.ledger : nullptr;
    std::vector<AppContents::SourcePlan> plans = contents.plan(python, cache);
    reuse_shared_units(plans, cache);
    trace.phase("resolve wheels");
    for (const AppContents::SourcePlan& p : plans) {
      std::vector<const CacheItem*> items;
      for (const CacheItem& c : p.plan.code) items.push_back(&c);
      for (const CacheItem& w : p.plan.wheels) items.push_back(&w);
      ensure_extracted(*p.payload->zip, items, cache, ledger, trace);
    }
    trace.phase("extract");
    ExtractPlan merged = merge_plans(plans);
    venv.build = sha256_hex(contents.key_text()).substr(0, 32);
    build_venv(venv, python, merged, app.info, app.pex_info_text, app.path, cache, ledger, trace);
    in_use = hold_venv(venv.dir);
    if (!in_use) fail(Status::kIo, venv.dir + ": the venv just built is gone");
    trace.phase("build venv");
    r.built = true;
    r.compile_later = !compile_now && env.pexrc_compile;
    if (shipped_bytecode_covers(merged, cache)) {
      trace.log(1, "bytecode: shipped in the payload for every unit; nothing to compile");
      r.compile_later = false;
    }
  }
  // The background work starts with the cache lock released (it would keep
  // it for as long as it runs) and the venv held (inherited: nothing of this
  // app can be evicted while the work runs).
  if (r.built && !compile_now) {
    // The compile last: it races the app for its first imports (it runs
    // at idle priority, but a free core runs it), so it starts right
    // before the exec.
    if (r.ledger) start_settling(cache, *r.ledger, trace);
    start_eviction(cache, env, trace);
    if (r.compile_later) start_bytecode_compile(venv, python, cache, trace);
  }
  if (compile_now && !cache.temporary) {
    progress("compiling bytecode...");
    compile_bytecode_now(venv, python, cache);
    trace.phase("compile bytecode");
    // A prepared root is often sealed into an image right after: on the
    // disk before this returns.
    progress("syncing to disk...");
    settle_ledgers(cache, r.ledger ? r.ledger->path() : "");
    trace.phase("sync");
  }
  r.held = std::move(*in_use);
  return r;
}

}  // namespace

// PEXRC_TOOLS=1 ./app.pexrc TOOL ...: the runtime's own tools, in every
// .pexrc (pex's PEX_TOOLS stays pex's).
int run_tool(int argc, char** argv, const RunEnv& env) {
  std::string tool = argc > 1 ? argv[1] : "";
  if (tool == "sbom" && argc == 2) {
    write_all(1, read_sbom(open_payload(env.pexrc_payload)), "stdout");
    return 0;
  }
  if (tool == "cache")
    return run_cache_command(std::vector<std::string>(argv + 2, argv + argc),
                             "PEXRC_TOOLS=1 " + std::string(argv[0]));
  if (tool == "version" && argc == 2) {
    std::string line = std::string(kLauncherIdentity) + "\n";
    write_all(1, line, "stdout");
    return 0;
  }
  fail(Status::kUsage, "PEXRC_TOOLS is set: the tools are 'cache' (" + std::string(argv[0]) +
                           " cache --help), 'prepare' (prepare --help), 'sbom' and 'version'" +
                           (tool.empty() ? "" : ", not '" + tool + "'"));
}

int run(int argc, char** argv) {
  // Started as another launcher's interpreter probe: say what we are rather
  // than probe in turn (which would recurse without end).
  if (std::getenv(kProbeMarkerVariable)) {
    write_all(1, kLauncherAnswer, "stdout");
    return 0;
  }
  const RunEnv env =
      read_run_env([](const char* name) -> const char* { return std::getenv(name); });
  bool prepare = env.pexrc_tools && argc > 1 && std::strcmp(argv[1], "prepare") == 0;
  if (env.pexrc_tools && !prepare) return run_tool(argc, argv, env);
  std::optional<PrepareOptions> prepare_options;
  if (prepare) prepare_options = parse_prepare_args(argc, argv);
  Trace trace(env.pex_verbose);
  AppContents contents(open_payload(env.pexrc_payload), env);
  const Payload& app = contents.app();
  trace.phase("read PEX-INFO");
  bool pex_tools = !prepare && env.pex_tools;
  if (pex_tools) require_pex_tools(app.info, app.path);
  bool isolated = !prepare && !pex_tools && pex_isolates(app.info, env);

  // Published entries serve every user of a shared root: readable by all,
  // writable by their owner only, whatever the caller's umask, which the app
  // gets back.
  mode_t caller_umask = ::umask(022);
  ReadyApp ready = make_ready(contents, env, trace, prepare);
  if (prepare) {
    report_prepared(*prepare_options, app.path, ready.python, ready.venv, ready.cache, ready.built);
    return 0;
  }
  int lease_fd = ready.held.release();  // held by the app (or the tools) from here on
  const CacheRoot& cache = ready.cache;
  if (pex_tools) {
    auto find_compatible = [&] {
      return compatible_interpreters(app.info, ready.python, app.path, env, cache, trace,
                                     resolve_check(contents, cache));
    };
    exec_pex_tools(app, ready.python, ready.venv.dir, contents.marker_results(ready.python), cache,
                   find_compatible, caller_umask, argc, argv);
  }
  trace.log(1, "exec " + ready.venv.python);
  std::vector<std::string> options = isolation_options(isolated, ready.venv.is_venv);
  for (std::string& a : python_args(app.info, env)) options.push_back(std::move(a));
  exec_app(ready.venv, options, app.path, cache.temporary ? cache.root : "", lease_fd, env.path,
           caller_umask, argc, argv);
}

}  // namespace pexrc

int main(int argc, char** argv) {
  pexrc::occupy_closed_std_fds();
  pexrc::refuse_elevated_privileges("pexrc");
  return pexrc::run_reporting_errors("pexrc", pexrc::run, argc, argv);
}
