#include "launcher/tools/pex_tools.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/pep425.h"
#include "launcher/exec/exec_app.h"
#include "launcher/tools/pex_tools_py.h"

namespace pexrc {

bool pex_tools_requested() {
  const char* value = std::getenv("PEX_TOOLS");
  if (!value) return false;
  std::string v = value;
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  if (v == "0" || v == "false") return false;
  if (v == "1" || v == "true") return true;
  fail(Status::kToolError,
       "Invalid bool value for PEX_TOOLS, must be 0/1/false/true, got '" + std::string(value) + "'");
}

void require_pex_tools(const PexInfo& info, const std::string& pex_path) {
  if (!info.includes_tools)
    fail(Status::kToolError, pex_path +
                                 ": The PEX_TOOLS environment variable was set, but this PEX was "
                                 "not built with tools (Re-build the PEX file with `pex "
                                 "--include-tools ...`)");
}

void exec_pex_tools(const Payload& app, const Interpreter& python, const CacheRoot& cache, int argc,
                    char** argv) {
  nlohmann::json context{
      {"pex", app.path},
      {"pex_info", app.pex_info_text},
      {"pex_root", cache.root},
      {"python", python.executable},
      {"tags", supported_tags(tag_facts_from_probe(python.probe_json))},
  };
  // Isolated from the environment, the user site and site-packages: the tools
  // use only the standard library (the program drops sys.path[0] itself,
  // which -I would do from 3.4 on).
  std::vector<std::string> args = {python.executable, "-E", "-s", "-S", "-c", kPexToolsPy};
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  std::vector<std::string> env = {"PEXRC_TOOLS_CONTEXT=" + context.dump()};
  // A temporary fallback root goes when the tools end, as after an app.
  if (cache.temporary) env.push_back("_PEXRC_ROOT_FALLBACK=" + cache.root);
  exec_in_app_env(args, app.path, env);
}

}  // namespace pexrc
