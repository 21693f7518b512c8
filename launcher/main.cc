// The pexrc launcher: the native stub at the front of every .pexrc.
//
//   locate payload -> read PEX-INFO -> select interpreter -> (cold only:
//   extract wheels and code, build venv) -> exec the interpreter.
//
// A warm run reads three small pieces of its own file, stats a few paths and
// execs; everything else happens once per app and interpreter.
#include <unistd.h>

#include <cstring>
#include <string>

#include "common/error.h"
#include "common/sha256.h"
#include "launcher/cache/cache_root.h"
#include "launcher/cache/fs_ops.h"
#include "launcher/exec/exec_app.h"
#include "launcher/extract/extract.h"
#include "launcher/extract/extract_plan.h"
#include "launcher/locate/payload.h"
#include "launcher/select/select_interpreter.h"
#include "launcher/trace.h"
#include "launcher/venv/venv.h"

namespace pexrc {

int run(int argc, char** argv) {
  Trace trace;
  Payload payload = open_payload();
  trace.phase("read PEX-INFO");

  CacheRoot cache = cache_root_from_env();
  Interpreter python = select_interpreter(payload.info, payload.launch, payload.path, cache, trace,
                                          [](const Interpreter&) { return std::string(); });
  trace.phase("select interpreter");

  AppVenv venv = venv_location(cache, payload.pex_info_text, python);
  if (!path_exists(venv.dir)) {
    std::vector<zip::Entry> entries = payload.zip->read_all();
    ExtractPlan plan = plan_extraction(entries, payload.info, sha256_hex(payload.pex_info_text),
                                       cache, payload.path);
    std::vector<const CacheItem*> items;
    for (const CacheItem& c : plan.code) items.push_back(&c);
    for (const CacheItem& w : plan.wheels) items.push_back(&w);
    ensure_extracted(*payload.zip, items, cache, trace);
    trace.phase("extract");
    build_venv(venv, python, plan, payload.info, payload.path, cache, trace);
    trace.phase("build venv");
  }
  trace.log(1, "exec " + venv.python);
  exec_app(venv, payload.path, argc, argv);
}

}  // namespace pexrc

int main(int argc, char** argv) { return pexrc::run_reporting_errors("pexrc", pexrc::run, argc, argv); }
