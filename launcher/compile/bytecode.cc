#include "launcher/compile/bytecode.h"

#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <set>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/usable_cpus.h"
#include "compile_sources_py.h"  // generated from compile_sources.py
#include "launcher/background/detached.h"
#include "runtime/cache/fs_ops.h"
#include "runtime/cache/inventory.h"
#include "runtime/cache/ledger.h"
#include "runtime/cache/work_dirs.h"

extern char** environ;

namespace pexrc {
namespace {

// The compiler each interpreter runs (compile_sources.py says how it works).
constexpr const char* kCompileScript = kCompileSourcesPy;

// Every .py reachable from `dir`, following the venv's symlinks into the
// shared wheel directories (so each .pyc lands where imports through this
// venv look for it), each directory once.
void collect_sources(const std::string& dir, std::set<std::pair<dev_t, ino_t>>& seen,
                     std::vector<std::string>& out) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return;
  while (struct dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == ".." || name == "__pycache__") continue;
    std::string path = dir + "/" + name;
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      if (seen.insert({st.st_dev, st.st_ino}).second) collect_sources(path, seen, out);
    } else if (S_ISREG(st.st_mode) && name.ends_with(".py") &&
               name.find('\n') == std::string::npos) {
      out.push_back(std::move(path));
    }
  }
  ::closedir(d);
}

pid_t spawn_worker(const std::string& python, const std::string& work, int stdin_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  const char* argv[] = {python.c_str(), "-E",           "-s",         "-S",
                        "-c",           kCompileScript, work.c_str(), nullptr};
  pid_t pid = -1;
  if (::posix_spawn(&pid, python.c_str(), &actions, nullptr, const_cast<char**>(argv), environ) !=
      0)
    pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// Runs in the detached process: one interpreter per usable CPU, each fed its
// share of the sources through a pipe.
void compile_all(const std::string& site_packages, const std::string& python,
                 const std::string& work) {
  std::vector<std::string> sources;
  std::set<std::pair<dev_t, ino_t>> seen;
  collect_sources(site_packages, seen, sources);
  size_t workers = std::min<size_t>(usable_cpus(), (sources.size() + 63) / 64);
  std::vector<std::string> shares(workers);
  for (size_t i = 0; i < sources.size(); ++i) shares[i % workers] += sources[i] + "\n";

  std::vector<pid_t> pids;
  for (const std::string& share : shares) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) break;
    pid_t pid = spawn_worker(python, work, fds[0]);
    ::close(fds[0]);
    if (pid > 0) {
      pids.push_back(pid);
      for (size_t done = 0; done < share.size();) {
        ssize_t n = ::write(fds[1], share.data() + done, share.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += size_t(n);
      }
    }
    ::close(fds[1]);
  }
  for (pid_t pid : pids) {
    int status;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

// The compile writes into the venv's own __pycache__ directories and into
// the units it links to: noted before, synced and retired after (as for a
// cold start's extraction, runtime/cache/ledger.h).
void compile_durably(const AppVenv& venv, const Interpreter& python, const CacheRoot& cache) {
  Ledger ledger(cache);
  ledger.note(venv.dir.substr(cache.root.size() + 1));
  for (const std::string& unit : read_venv_manifest(venv.dir).units)
    if (!unit.starts_with("/")) ledger.note(unit);  // not a shared root's
  WorkDir work(cache.work(), "compile");
  compile_all(venv.dir + "/" + python.site_packages, python.executable, work.path());
  settle_ledgers(cache, ledger.path());
}

}  // namespace

bool shipped_bytecode_covers(const ExtractPlan& plan, const CacheRoot& cache) {
  auto covered = [&](const CacheItem& item) {
    bool has_sources = std::any_of(item.entries.begin(), item.entries.end(),
                                   [](const zip::Entry* e) { return e->name.ends_with(".py"); });
    return !has_sources || (item.bytecode && item.dest.starts_with(cache.root + "/"));
  };
  return std::all_of(plan.code.begin(), plan.code.end(), covered) &&
         std::all_of(plan.wheels.begin(), plan.wheels.end(), covered);
}

std::string compile_lock_path(const CacheRoot& cache, const AppVenv& venv) {
  return cache.locks() + "/compile-" + venv.dir.substr(venv.dir.rfind('/') + 1) + ".lck";
}

void compile_bytecode_now(const AppVenv& venv, const Interpreter& python, const CacheRoot& cache) {
  try {
    DirLock one_at_a_time(compile_lock_path(cache, venv));
    compile_durably(venv, python, cache);
  } catch (const Error&) {
    // As in the background: without a work directory there is no bytecode.
  }
}

void start_bytecode_compile(const AppVenv& venv, const Interpreter& python, const CacheRoot& cache,
                            const Trace& trace) {
  if (cache.temporary) return;
  std::string lock = compile_lock_path(cache, venv);
  std::string site_packages = venv.dir + "/" + python.site_packages;
  auto compile = [&] { compile_durably(venv, python, cache); };
  switch (run_detached(lock, compile)) {
    case Detached::kStarted:
      trace.log(1, "bytecode: compiling " + site_packages + " in the background (" + lock + ")");
      break;
    case Detached::kAlreadyRunning:
      trace.log(1, "bytecode: another process is compiling this venv");
      break;
    case Detached::kFailed:
      break;
  }
}

}  // namespace pexrc
