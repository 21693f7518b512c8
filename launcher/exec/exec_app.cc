#include "launcher/exec/exec_app.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "common/error.h"
#include "runtime/select/discovery.h"
#include "runtime/select/probe.h"

extern char** environ;

namespace pexrc {
namespace {

// The launcher's own variables. An inherited one (from a parent app's
// environment, or set by hand) must never reach the app or the tools: the
// boot script deletes the directory _PEXRC_ROOT_FALLBACK names.
constexpr const char* kLauncherVariables[] = {"PEX",
                                              "PEXRC_PYTHON",
                                              "PEXRC_PYTHON_ARGS",
                                              "PEXRC_PAYLOAD",
                                              "_PEXRC_ROOT_FALLBACK",
                                              "_PEXRC_LEASE_FD",
                                              "PEXRC_TOOLS_CONTEXT_FD",
                                              kProbeMarkerVariable};

bool is_launcher_variable(const char* entry) {
  for (const char* name : kLauncherVariables) {
    size_t n = std::strlen(name);
    if (std::strncmp(entry, name, n) == 0 && entry[n] == '=') return true;
  }
  return false;
}

// What pex's sys.argv[0] starts from: the path the kernel ran. A bare
// name in argv[0] was found on PATH by the caller (the kernel got the full
// path); `python app.pexrc` hands over the name as Python saw it, which is
// kept unless PATH leads to this very file.
std::string invoked_path(const std::string& argv0, const std::string& pex_path,
                         const std::string& search_path) {
  if (argv0.find('/') != std::string::npos) return argv0;
  struct stat pex, found;
  if (::stat(pex_path.c_str(), &pex) != 0) return argv0;
  for (const std::string& candidate : find_all_named(argv0, search_path))
    if (::stat(candidate.c_str(), &found) == 0 && found.st_dev == pex.st_dev &&
        found.st_ino == pex.st_ino)
      return candidate;
  return argv0;
}

}  // namespace

bool pex_isolates(const PexInfo& info, const RunEnv& env) {
  // A --venv PEX runs its venv's scripts, which carry -I unless built with
  // --non-hermetic-venv-scripts, and never reads PEX_INHERIT_PATH.
  if (info.venv) return info.venv_hermetic_scripts;
  // pex's zipapp re-executes itself isolated only when PYTHONPATH is set
  // (even empty) and both PEX-INFO and PEX_INHERIT_PATH say "false".
  const std::string& inherit = env.pex_inherit_path;
  return env.python_path_set && info.inherit_path == "false" &&
         (inherit.empty() || inherit == "false");
}

std::vector<std::string> isolation_options(bool isolated, bool python3) {
  if (!isolated) return {};
  if (python3) return {"-I"};
  return {"-E", "-s"};
}

void exec_in_app_env(const std::vector<std::string>& args, const std::string& pex_path,
                     const std::vector<std::string>& extra_env, mode_t umask) {
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);

  std::string pex_var = "PEX=" + pex_path;
  std::vector<const char*> env;
  for (char** e = environ; *e; ++e)
    if (!is_launcher_variable(*e)) env.push_back(*e);
  env.push_back(pex_var.c_str());
  for (const std::string& e : extra_env) env.push_back(e.c_str());
  env.push_back(nullptr);

  ::umask(umask);
  ::execve(argv[0], const_cast<char**>(argv.data()), const_cast<char**>(env.data()));
  fail(Status::kExecFailed, "cannot execute " + args[0] + ": " + std::strerror(errno));
}

void exec_app(const AppVenv& venv, const std::vector<std::string>& python_args,
              const std::string& pex_path, const std::string& temporary_root, int lease_fd,
              const std::string& search_path, mode_t umask, int argc, char** argv) {
  // A venv without system site-packages already turns the user site off;
  // Python 2 starts with -S (no site at all). Other flags only as pex sets
  // them (pex_isolation_options), so sys.flags look as they do under pex.
  std::vector<std::string> args = {venv.python};
  args.insert(args.end(), python_args.begin(), python_args.end());
  if (!venv.is_venv) args.push_back("-S");
  args.push_back(venv.boot);
  args.push_back(argc > 0 ? invoked_path(argv[0], pex_path, search_path) : pex_path);
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  std::vector<std::string> extra;
  if (!temporary_root.empty()) extra.push_back("_PEXRC_ROOT_FALLBACK=" + temporary_root);
  // Inherited through this exec so the app holds its venv from its first
  // instruction; the boot script keeps it from the app's own children.
  extra.push_back("_PEXRC_LEASE_FD=" + std::to_string(lease_fd));
  exec_in_app_env(args, pex_path, extra, umask);
}

}  // namespace pexrc
