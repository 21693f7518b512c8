#include "injector/prepare/prepare_command.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "common/error.h"
#include "common/file_io.h"
#include "injector/inspect/app_summary.h"
#include "injector/stub/embedded_stubs.h"

namespace pexrc {
namespace {

constexpr const char* kHelp =
    "usage: pexrc-inject prepare APP.pexrc [--json]\n"
    "\n"
    "Does on this machine what APP's first run does, without running the app:\n"
    "selects the interpreter, extracts into the cache, builds the venv and compiles\n"
    "its bytecode. The same as PEXRC_TOOLS=1 APP.pexrc prepare, also when APP has\n"
    "no execute bit (its launcher runs from memory). APP must be for this machine's\n"
    "CPU. The cache is the one APP uses: PEXRC_ROOT, else $PEX_ROOT/pexrc, else\n"
    "$XDG_CACHE_HOME/pexrc, else ~/.cache/pexrc. --json prints a JSON summary.\n";

}  // namespace

int run_prepare_command(const std::vector<std::string>& args) {
  std::string app;
  std::vector<std::string> passed;
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(kHelp, stdout);
      return 0;
    }
    if (a == "--json")
      passed.push_back(a);
    else if (!a.empty() && a[0] == '-')
      fail(Status::kUsage, "prepare: unknown option '" + a + "' (see pexrc-inject prepare --help)");
    else if (app.empty())
      app = a;
    else
      fail(Status::kUsage, "prepare: one APP.pexrc at a time, not also '" + a + "'");
  }
  if (app.empty())
    fail(Status::kUsage, "prepare: which APP.pexrc? (see pexrc-inject prepare --help)");
  AppSummary summary = summarize_pexrc(app);
  if (summary.target != host_target())
    fail(Status::kUsage, app + ": its launcher is for " + summary.target + ", this machine is " +
                             host_target() + "; prepare it where it will run");
  UniqueFd file = open_for_reading(app);
  std::string stub(size_t(summary.launcher_bytes), '\0');
  if (!pread_exact(file.get(), stub.data(), stub.size(), 0))
    fail(Status::kBadArchive, app + ": cannot read its launcher");
  int fd = ::memfd_create("pexrc-launcher", MFD_CLOEXEC);
  if (fd < 0) fail_errno("cannot create a memory file for " + app + "'s launcher");
  write_all(fd, stub, "a memory file");
  char resolved[PATH_MAX];
  if (!::realpath(app.c_str(), resolved)) fail_errno(app);
  ::setenv("PEXRC_TOOLS", "1", 1);
  ::setenv("PEXRC_PAYLOAD", resolved, 1);
  std::vector<const char*> argv = {resolved, "prepare"};
  for (const std::string& a : passed) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  std::string launcher = "/proc/self/fd/" + std::to_string(fd);
  ::execv(launcher.c_str(), const_cast<char**>(argv.data()));
  fail(Status::kExecFailed, "cannot run " + app + "'s launcher: " + std::strerror(errno));
}

}  // namespace pexrc
