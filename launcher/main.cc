// The pexrc launcher: the native stub at the front of every .pexrc.
//
//   locate payload (and PEX_PATH's) -> select interpreter -> hold its venv
//   (cold only: resolve wheels, extract and verify them and the code, build
//   the venv, start compiling bytecode in the background) -> exec.
//
// A warm run reads three small pieces of its own file, stats a few paths and
// execs; everything else happens once per app and interpreter.
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "common/error.h"
#include "common/file_io.h"
#include "common/launcher_identity.h"
#include "common/split.h"
#include "launcher/cache/cache_root.h"
#include "launcher/cache/fs_ops.h"
#include "launcher/cache/usage.h"
#include "launcher/cache/work_dirs.h"
#include "launcher/compile/bytecode.h"
#include "launcher/exec/exec_app.h"
#include "launcher/extract/extract.h"
#include "launcher/extract/extract_plan.h"
#include "launcher/locate/payload.h"
#include "launcher/resolve/app_contents.h"
#include "launcher/select/select_interpreter.h"
#include "launcher/tools/cache_command.h"
#include "launcher/tools/pex_tools.h"
#include "launcher/trace.h"
#include "launcher/venv/venv.h"

namespace pexrc {
namespace {

// PEX-INFO's inject_python_args, then the options `python -X… app.pexrc`
// was given (handed over by the fallback __main__.py).
std::vector<std::string> python_args(const PexInfo& info) {
  std::vector<std::string> args = info.inject_python_args;
  const char* given = std::getenv("PEXRC_PYTHON_ARGS");
  for (std::string& a : split_nonempty(given ? given : "", '\x1f')) args.push_back(std::move(a));
  return args;
}

}  // namespace

// PEXRC_TOOLS=1 ./app.pexrc TOOL ...: the runtime's own tools, in every
// .pexrc (pex's PEX_TOOLS stays pex's).
int run_tool(int argc, char** argv) {
  std::string tool = argc > 1 ? argv[1] : "";
  if (tool == "cache")
    return run_cache_command(std::vector<std::string>(argv + 2, argv + argc), cache_root_from_env(),
                             "PEXRC_TOOLS=1 " + std::string(argv[0]));
  if (tool == "version" && argc == 2) {
    std::string line = std::string(kLauncherIdentity) + "\n";
    write_all(1, line, "stdout");
    return 0;
  }
  fail(Status::kUsage, "PEXRC_TOOLS is set: the tools are 'cache' (" + std::string(argv[0]) +
                           " cache --help) and 'version'" +
                           (tool.empty() ? "" : ", not '" + tool + "'"));
}

int run(int argc, char** argv) {
  const char* tools = std::getenv("PEXRC_TOOLS");
  if (tools && *tools && std::strcmp(tools, "0") != 0) return run_tool(argc, argv);
  Trace trace;
  AppContents contents(open_payload());
  const Payload& app = contents.app();
  trace.phase("read PEX-INFO");
  bool pex_tools = pex_tools_requested();
  if (pex_tools) require_pex_tools(app.info, app.path);

  CacheRoot cache = cache_root_from_env();
  // An interpreter with a finished venv for these contents resolved before;
  // only others need the archives' wheel metadata, read once, on demand.
  auto resolves = [&](const Interpreter& in) {
    if (path_exists(venv_location(cache, contents.key_text(), in).dir)) return std::string();
    return contents.resolution_error(in);
  };
  Interpreter python = select_interpreter(app.info, app.launch, app.path, cache, trace, resolves);
  trace.phase("select interpreter");

  AppVenv venv = venv_location(cache, contents.key_text(), python);
  std::optional<UniqueFd> in_use = hold_venv(venv.dir);
  if (!in_use) {
    if (std::optional<CacheRoot> fallback = writable_or_fallback(cache)) {
      cache = *fallback;
      venv = venv_location(cache, contents.key_text(), python);
    }
    make_dirs(cache.locks());
    // Shared with other builders; a prune waits until this venv is held.
    DirLock building(cache_lock_path(cache), true);
    sweep_work_dirs(cache.work());
    std::vector<AppContents::SourcePlan> plans = contents.plan(python, cache);
    trace.phase("resolve wheels");
    for (const AppContents::SourcePlan& p : plans) {
      std::vector<const CacheItem*> items;
      for (const CacheItem& c : p.plan.code) items.push_back(&c);
      for (const CacheItem& w : p.plan.wheels) items.push_back(&w);
      ensure_extracted(*p.payload->zip, items, cache, trace);
    }
    trace.phase("extract");
    build_venv(venv, python, merge_plans(plans), app.info, app.pex_info_text, app.path, cache,
               trace);
    in_use = hold_venv(venv.dir);
    if (!in_use) fail(Status::kIo, venv.dir + ": the venv just built is gone");
    trace.phase("build venv");
    start_bytecode_compile(venv, python, cache, trace);
  }
  (void)in_use->release();  // held by the app (or the tools) from here on
  if (pex_tools) {
    auto find_compatible = [&] {
      return compatible_interpreters(app.info, python, app.path, cache, trace, resolves);
    };
    exec_pex_tools(app, python, venv.dir, cache, find_compatible, argc, argv);
  }
  trace.log(1, "exec " + venv.python);
  exec_app(venv, python_args(app.info), app.path, cache.temporary ? cache.root : "", argc, argv);
}

}  // namespace pexrc

int main(int argc, char** argv) {
  return pexrc::run_reporting_errors("pexrc", pexrc::run, argc, argv);
}
