#include "launcher/select/probe.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

extern char** environ;

namespace pexrc {
namespace {

// A Python that takes longer than this to print a few facts is not one we
// want to run an app with.
constexpr int kDeadlineMs = 20000;

struct Child {
  pid_t pid = -1;
  int out = -1;
  std::string text;
  bool done = false;
};

Child spawn_probe(const std::string& exe) {
  Child c;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return c;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  const char* argv[] = {exe.c_str(), "-E", "-s", "-c", probe_script(), nullptr};
  int rc = ::posix_spawn(&c.pid, exe.c_str(), &actions, nullptr, const_cast<char**>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    c.pid = -1;
    return c;
  }
  c.out = fds[0];
  return c;
}

}  // namespace

// Python 2.7 and 3 syntax. realpath(sys.executable) names the binary that
// really ran, which is how shims (pyenv) and symlinks resolve to one interpreter.
const char* probe_script() {
  return "import json, os, platform, sys, sysconfig\n"
         "print(json.dumps({\n"
         " 'implementation': platform.python_implementation(),\n"
         " 'version': platform.python_version(),\n"
         " 'executable': os.path.realpath(sys.executable),\n"
         " 'prefix': sys.prefix,\n"
         " 'base_prefix': getattr(sys, 'base_prefix', sys.prefix),\n"
         " 'free_threaded': bool(sysconfig.get_config_var('Py_GIL_DISABLED')),\n"
         "}))\n";
}

std::vector<std::string> run_probes(const std::vector<std::string>& executables) {
  std::vector<Child> children;
  children.reserve(executables.size());
  for (const std::string& exe : executables) children.push_back(spawn_probe(exe));

  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kDeadlineMs);
  for (;;) {
    std::vector<pollfd> fds;
    std::vector<Child*> owners;
    for (Child& c : children) {
      if (c.out >= 0) {
        fds.push_back({c.out, POLLIN, 0});
        owners.push_back(&c);
      }
    }
    if (fds.empty()) break;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) break;
    int n = ::poll(fds.data(), fds.size(), int(left));
    if (n < 0 && errno != EINTR) break;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (!fds[i].revents) continue;
      char buf[4096];
      ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
      if (got > 0) {
        owners[i]->text.append(buf, size_t(got));
      } else if (got == 0 || errno != EINTR) {
        ::close(owners[i]->out);
        owners[i]->out = -1;
      }
    }
  }

  std::vector<std::string> results;
  for (Child& c : children) {
    if (c.out >= 0) {  // past the deadline
      ::close(c.out);
      if (c.pid > 0) ::kill(c.pid, SIGKILL);
      c.text.clear();
    }
    int status = 0;
    if (c.pid > 0) {
      while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
      }
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) c.text.clear();
    } else {
      c.text.clear();
    }
    results.push_back(std::move(c.text));
  }
  return results;
}

}  // namespace pexrc
