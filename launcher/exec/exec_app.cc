#include "launcher/exec/exec_app.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "common/error.h"

extern char** environ;

namespace pexrc {
namespace {

bool has_name(const char* entry, const char* name) {
  size_t n = std::strlen(name);
  return std::strncmp(entry, name, n) == 0 && entry[n] == '=';
}

}  // namespace

void exec_in_app_env(const std::vector<std::string>& args, const std::string& pex_path,
                     const std::vector<std::string>& extra_env) {
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);

  // PEXRC_* variables were only messages from the fallback __main__.py to us.
  std::string pex_var = "PEX=" + pex_path;
  std::vector<const char*> env;
  for (char** e = environ; *e; ++e)
    if (!has_name(*e, "PEX") && !has_name(*e, "PEXRC_PYTHON") &&
        !has_name(*e, "PEXRC_PYTHON_ARGS") && !has_name(*e, "PEXRC_PAYLOAD"))
      env.push_back(*e);
  env.push_back(pex_var.c_str());
  for (const std::string& e : extra_env) env.push_back(e.c_str());
  env.push_back(nullptr);

  ::execve(argv[0], const_cast<char**>(argv.data()), const_cast<char**>(env.data()));
  fail(Status::kExecFailed, "cannot execute " + args[0] + ": " + std::strerror(errno));
}

void exec_app(const AppVenv& venv, const std::vector<std::string>& python_args,
              const std::string& pex_path, const std::string& temporary_root, int argc,
              char** argv) {
  // A venv without system site-packages already turns the user site off;
  // Python 2 starts with -S (no site at all). No other flags, so sys.flags
  // look as they do under pex.
  std::vector<std::string> args = {venv.python};
  args.insert(args.end(), python_args.begin(), python_args.end());
  if (!venv.is_venv) args.push_back("-S");
  args.push_back(venv.boot);
  args.push_back(argc > 0 ? argv[0] : pex_path);
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  std::vector<std::string> extra;
  if (!temporary_root.empty()) extra.push_back("_PEXRC_ROOT_FALLBACK=" + temporary_root);
  exec_in_app_env(args, pex_path, extra);
}

}  // namespace pexrc
