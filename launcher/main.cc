// The pexrc launcher: the native stub at the front of every .pexrc.
//
//   locate payload -> read PEX-INFO -> select interpreter -> (cold only:
//   resolve wheels, extract them and the code, build venv) -> exec.
//
// A warm run reads three small pieces of its own file, stats a few paths and
// execs; everything else happens once per app and interpreter.
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>

#include "common/error.h"
#include "common/sha256.h"
#include "launcher/cache/cache_root.h"
#include "launcher/cache/fs_ops.h"
#include "launcher/exec/exec_app.h"
#include "launcher/extract/extract.h"
#include "launcher/extract/extract_plan.h"
#include "launcher/locate/payload.h"
#include "launcher/resolve/resolve.h"
#include "launcher/resolve/wheel_catalog.h"
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
  for (std::string_view rest = given ? given : ""; !rest.empty();) {
    size_t sep = rest.find('\x1f');
    if (sep != 0) args.emplace_back(rest.substr(0, sep));
    rest.remove_prefix(sep == std::string_view::npos ? rest.size() : sep + 1);
  }
  return args;
}

}  // namespace

int run(int argc, char** argv) {
  Trace trace;
  Payload payload = open_payload();
  trace.phase("read PEX-INFO");

  // Merging other PEXes' wheels needs their archives' contents in the
  // launcher's formats; until then say so rather than run without them.
  const char* pex_path_env = std::getenv("PEX_PATH");
  if ((pex_path_env && *pex_path_env) || !payload.info.pex_path.empty())
    fail(Status::kUnsupported, payload.path + ": PEX_PATH / pex_path (merging other PEXes) is not supported yet");

  CacheRoot cache = cache_root_from_env();
  // An interpreter with a finished venv for this PEX resolved before; only
  // the others need the archive's wheel metadata, read once, on demand.
  std::unique_ptr<WheelCatalog> catalog;
  std::map<std::string, Resolution> resolutions;
  auto resolve = [&](const Interpreter& in) -> const Resolution& {
    auto it = resolutions.find(in.executable);
    if (it != resolutions.end()) return it->second;
    if (!catalog) catalog = std::make_unique<WheelCatalog>(*payload.zip, payload.info, payload.path);
    return resolutions[in.executable] = resolve_wheels(*catalog, payload.info, in);
  };
  auto resolves = [&](const Interpreter& in) {
    if (path_exists(venv_location(cache, payload.pex_info_text, in).dir)) return std::string();
    return resolve(in).error;
  };
  Interpreter python = select_interpreter(payload.info, payload.launch, payload.path, cache, trace, resolves);
  trace.phase("select interpreter");

  AppVenv venv = venv_location(cache, payload.pex_info_text, python);
  if (!path_exists(venv.dir)) {
    if (std::optional<CacheRoot> fallback = writable_or_fallback(cache)) {
      cache = *fallback;
      venv = venv_location(cache, payload.pex_info_text, python);
    }
    const Resolution& wheels = resolve(python);
    if (!wheels.error.empty()) fail(Status::kNoInterpreter, payload.path + ": " + wheels.error);
    trace.phase("resolve wheels");
    ExtractPlan plan = plan_extraction(catalog->entries(), payload.info, wheels.wheels,
                                       sha256_hex(payload.pex_info_text), cache, payload.path);
    std::vector<const CacheItem*> items;
    for (const CacheItem& c : plan.code) items.push_back(&c);
    for (const CacheItem& w : plan.wheels) items.push_back(&w);
    ensure_extracted(*payload.zip, items, cache, trace);
    trace.phase("extract");
    build_venv(venv, python, plan, payload.info, payload.pex_info_text, payload.path, cache, trace);
    trace.phase("build venv");
  }
  trace.log(1, "exec " + venv.python);
  exec_app(venv, python_args(payload.info), payload.path, cache.temporary ? cache.root : "", argc, argv);
}

}  // namespace pexrc

int main(int argc, char** argv) { return pexrc::run_reporting_errors("pexrc", pexrc::run, argc, argv); }
