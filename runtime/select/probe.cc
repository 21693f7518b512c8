#include "runtime/select/probe.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "probe_py.h"  // generated from probe.py

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
  ProbeOutcome outcome;
};

Child spawn_probe(const std::string& exe, char** env) {
  Child c;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    c.outcome.problem = std::string("cannot make a pipe: ") + std::strerror(errno);
    return c;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  const char* argv[] = {exe.c_str(), "-E", "-s", "-S", "-c", probe_script(), nullptr};
  int rc = ::posix_spawn(&c.pid, exe.c_str(), &actions, nullptr, const_cast<char**>(argv), env);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    c.pid = -1;
    // Not an executable format, or gone: a definite answer. Anything else
    // (EAGAIN under a process limit, ENOMEM) may be over by the next run.
    bool definite = rc == ENOEXEC || rc == ENOENT || rc == ENOTDIR;
    c.outcome.kind = definite ? ProbeOutcome::Kind::kRefused : ProbeOutcome::Kind::kTransient;
    c.outcome.problem = std::string("cannot start: ") + std::strerror(rc);
    return c;
  }
  c.out = fds[0];
  return c;
}

// The launcher's environment plus the probe marker (`marker`, "NAME=1").
std::vector<char*> probe_environment(std::string& marker) {
  size_t name = marker.find('=') + 1;
  std::vector<char*> env;
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, marker.c_str(), name) != 0) env.push_back(*e);
  env.push_back(marker.data());
  env.push_back(nullptr);
  return env;
}

void finish(Child& c, bool timed_out) {
  if (c.pid <= 0) return;  // never started: outcome set by spawn_probe
  if (timed_out) ::kill(c.pid, SIGKILL);
  int status = 0;
  while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
  }
  ProbeOutcome& o = c.outcome;
  if (timed_out) {
    o.kind = ProbeOutcome::Kind::kTransient;
    o.problem = "no answer within " + std::to_string(kDeadlineMs / 1000) + " s";
  } else if (WIFSIGNALED(status)) {
    o.kind = ProbeOutcome::Kind::kTransient;
    o.problem = "killed by signal " + std::to_string(WTERMSIG(status));
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    o.kind =
        c.text == kLauncherAnswer ? ProbeOutcome::Kind::kLauncher : ProbeOutcome::Kind::kAnswered;
    o.output = std::move(c.text);
  } else {
    o.kind = ProbeOutcome::Kind::kRefused;
  }
}

}  // namespace

// probe.py: Python 2.7 and 3 syntax. Prints raw facts only; everything
// derived from them (PEP 425 tags, the venv layout) is computed by the
// launcher, where it can be unit-tested. realpath(sys.executable) names the
// binary that really ran, which is how shims (pyenv) and symlinks resolve to
// one interpreter; a venv's interpreter is resolved to its base installation.
const char* probe_script() { return kProbePy; }

std::vector<ProbeOutcome> run_probes(const std::vector<std::string>& executables) {
  std::string marker = std::string(kProbeMarkerVariable) + "=1";
  std::vector<char*> env = probe_environment(marker);
  std::vector<Child> children;
  children.reserve(executables.size());
  for (const std::string& exe : executables) children.push_back(spawn_probe(exe, env.data()));

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
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
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

  std::vector<ProbeOutcome> results;
  for (Child& c : children) {
    bool timed_out = c.out >= 0;
    if (timed_out) ::close(c.out);
    finish(c, timed_out);
    results.push_back(std::move(c.outcome));
  }
  return results;
}

}  // namespace pexrc
