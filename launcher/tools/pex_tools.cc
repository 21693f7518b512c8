#include "launcher/tools/pex_tools.h"

#include <sys/mman.h>
#include <unistd.h>

#include "common/error.h"
#include "common/file_io.h"
#include "common/json.h"
#include "common/json_path.h"
#include "common/launch_info.h"
#include "common/pep425.h"
#include "common/text.h"
#include "launcher/exec/exec_app.h"

namespace pexrc {
namespace {

// The program pexrc-inject stored: the fourth entry, uncompressed, read
// like PEX-INFO (one small read of the directory's leading records).
std::string tools_program(const Payload& app) {
  for (const zip::Entry& e : app.zip->read_leading(4))
    if (e.name == kToolsEntryName) return app.zip->read_stored(e);
  fail(Status::kNotAPex, app.path + ": PEX-INFO says the PEX includes tools, but it has no " +
                             kToolsEntryName + " entry; make it with pexrc-inject");
}

nlohmann::json interpreter_json(const Interpreter& python) {
  return {{"path", path_to_json(python.executable)},
          {"probe", nlohmann::json::parse(python.probe_json)},
          {"tags", supported_tags(tag_facts_from_probe(python.probe_json))}};
}

// `interpreter` with -a/--all anywhere (also in a group such as -av):
// over-matching only costs a search whose results go unused.
bool wants_all_interpreters(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) != "interpreter") return false;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") break;
    if (a == "--all" || (a.size() > 1 && a[0] == '-' && a[1] != '-' && a.find('a') != a.npos))
      return true;
  }
  return false;
}

// The context travels in an inherited memory file, not the environment: with
// every interpreter's tags (interpreter --all) it outgrows the kernel's
// limit on one environment string (128 KiB).
std::string context_fd_variable(const std::string& context) {
  int fd = ::memfd_create("pexrc-tools-context", 0);  // inherited: no MFD_CLOEXEC
  if (fd < 0) fail_errno("cannot create a memory file for the PEX_TOOLS context");
  write_all(fd, context, "the PEX_TOOLS context");
  if (::lseek(fd, 0, SEEK_SET) != 0) fail_errno("cannot rewind the PEX_TOOLS context");
  return "PEXRC_TOOLS_CONTEXT_FD=" + std::to_string(fd);
}

}  // namespace

void require_pex_tools(const PexInfo& info, const std::string& pex_path) {
  if (!info.includes_tools)
    fail(Status::kPexRefusal, pex_path +
                                  ": The PEX_TOOLS environment variable was set, but this PEX was "
                                  "not built with tools (Re-build the PEX file with `pex "
                                  "--include-tools ...`)");
}

void exec_pex_tools(const Payload& app, const Interpreter& python, const std::string& venv_dir,
                    const nlohmann::json& markers, const CacheRoot& cache,
                    const FindCompatible& find_compatible, mode_t umask, int argc, char** argv) {
  std::string program = tools_program(app);
  nlohmann::json context{
      {"pex", path_to_json(app.path)},
      {"pex_info", app.pex_info_text},
      {"pex_root", path_to_json(cache.root)},
      {"venv", path_to_json(venv_dir)},
      {"venv_manifest", path_to_json(venv_dir + "/" + kVenvManifestName)},
      {"marker_results", markers},
      {"interpreter", interpreter_json(python)},
  };
  if (wants_all_interpreters(argc, argv)) {
    nlohmann::json all = nlohmann::json::array();
    for (const Interpreter& in : find_compatible()) all.push_back(interpreter_json(in));
    context["compatible_interpreters"] = std::move(all);
  }
  // Isolated from the environment, the user site and site-packages: the tools
  // use only the standard library (the program drops sys.path[0] itself,
  // which -I would do from 3.4 on).
  std::vector<std::string> args = {python.executable, "-E", "-s", "-S", "-c", program};
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  std::vector<std::string> env = {context_fd_variable(context.dump())};
  // A temporary fallback root goes when the tools end, as after an app.
  if (cache.temporary) env.push_back("_PEXRC_ROOT_FALLBACK=" + cache.root);
  exec_in_app_env(args, app.path, env, umask);
}

}  // namespace pexrc
