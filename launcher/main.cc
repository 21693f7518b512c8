// The pexrc launcher: the native stub at the front of every .pexrc.
//
//   locate payload (and PEX_PATH's) -> select interpreter -> (cold only:
//   resolve wheels, extract them and the code, build venv, start compiling
//   bytecode in the background) -> exec.
//
// A warm run reads three small pieces of its own file, stats a few paths and
// execs; everything else happens once per app and interpreter.
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "common/error.h"
#include "common/split.h"
#include "launcher/cache/cache_root.h"
#include "launcher/cache/fs_ops.h"
#include "launcher/compile/bytecode.h"
#include "launcher/exec/exec_app.h"
#include "launcher/extract/extract.h"
#include "launcher/extract/extract_plan.h"
#include "launcher/locate/payload.h"
#include "launcher/resolve/app_contents.h"
#include "launcher/select/select_interpreter.h"
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

int run(int argc, char** argv) {
  Trace trace;
  AppContents contents(open_payload());
  const Payload& app = contents.app();
  trace.phase("read PEX-INFO");

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
  if (!path_exists(venv.dir)) {
    if (std::optional<CacheRoot> fallback = writable_or_fallback(cache)) {
      cache = *fallback;
      venv = venv_location(cache, contents.key_text(), python);
    }
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
    trace.phase("build venv");
    start_bytecode_compile(venv, python, cache, trace);
  }
  trace.log(1, "exec " + venv.python);
  exec_app(venv, python_args(app.info), app.path, cache.temporary ? cache.root : "", argc, argv);
}

}  // namespace pexrc

int main(int argc, char** argv) {
  return pexrc::run_reporting_errors("pexrc", pexrc::run, argc, argv);
}
