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
    o.kind = c.text == kLauncherAnswer ? ProbeOutcome::Kind::kLauncher
                                       : ProbeOutcome::Kind::kAnswered;
    o.output = std::move(c.text);
  } else {
    o.kind = ProbeOutcome::Kind::kRefused;
  }
}

}  // namespace

// Python 2.7 and 3 syntax. Prints raw facts only; everything derived from
// them (PEP 425 tags, the venv layout) is computed by the launcher, where it
// can be unit-tested. realpath(sys.executable) names the binary that really
// ran, which is how shims (pyenv) and symlinks resolve to one interpreter; a
// venv's interpreter is resolved to its base installation.
const char* probe_script() {
  return R"PY(import os, sys, sysconfig
# Run with -S and importing neither json nor platform: on a first run this
# process is on the critical path, and site (with its .pth files), json's
# re and enum, and platform cost several times what the facts below do.


def var(name):
    try:
        return sysconfig.get_config_var(name)
    except Exception:
        return None


def glibc_version():
    try:
        found = os.confstr("CS_GNU_LIBC_VERSION")
        if found:
            return found.split()[1]
    except (AttributeError, ValueError, OSError, IndexError):
        pass
    try:
        import ctypes
        get = ctypes.CDLL(None).gnu_get_libc_version
        get.restype = ctypes.c_char_p
        found = get()
        return found if isinstance(found, str) else found.decode("ascii")
    except Exception:
        return None


def venv_home():
    # What site.py reads (and -S skips): pyvenv.cfg beside the executable or
    # one level up, whose "home" is the base installation's bin directory.
    exe_dir = os.path.dirname(os.path.abspath(sys.executable))
    for d in (exe_dir, os.path.dirname(exe_dir)):
        cfg = os.path.join(d, "pyvenv.cfg")
        if os.path.isfile(cfg):
            with open(cfg) as f:
                for line in f:
                    key, sep, value = line.partition("=")
                    if sep and key.strip().lower() == "home":
                        return value.strip()
            return None
    return None


def base_executable():
    names = ["python%d.%d" % sys.version_info[:2], "python%d" % sys.version_info[0], "python",
             "pypy%d.%d" % sys.version_info[:2], "pypy%d" % sys.version_info[0], "pypy"]
    dirs = []
    base = getattr(sys, "base_prefix", getattr(sys, "real_prefix", sys.prefix))
    if base != sys.prefix:
        dirs.append(os.path.join(base, "bin"))
    home = venv_home()
    if home:
        dirs.append(home)
    for d in dirs:
        for name in names:
            path = os.path.join(d, name)
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return os.path.realpath(path)
    return os.path.realpath(sys.executable)


def site_packages():
    scheme = "venv" if "venv" in sysconfig.get_scheme_names() else "posix_prefix"
    base = "/@base"
    path = sysconfig.get_paths(scheme, vars={"base": base, "platbase": base, "installed_base": base,
                                              "installed_platbase": base})["purelib"]
    return os.path.relpath(path, base)


def dump(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, dict):
        return "{" + ", ".join(dump(k) + ": " + dump(v[k]) for k in sorted(v)) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(dump(x) for x in v) + "]"
    if not isinstance(v, (str, type(u""))):
        return str(v)
    if not isinstance(v, type(u"")):
        v = v.decode("utf-8", "replace")  # Python 2's str
    out = ['"']
    for ch in v:
        o = ord(ch)
        if ch in u'"\\':
            out.append(u"\\" + ch)
        elif 0x20 <= o < 0x7F:
            out.append(ch)
        elif o < 0x10000:
            out.append(u"\\u%04x" % o)
        else:
            o -= 0x10000
            out.append(u"\\u%04x\\u%04x" % (0xD800 + (o >> 10), 0xDC00 + (o & 0x3FF)))
    out.append(u'"')
    return u"".join(out)


impl = getattr(sys, "implementation", None)
if impl is not None:
    v = impl.version
    impl_version = "%d.%d.%d" % v[:3]
    if v[3] != "final":
        impl_version += v[3][0] + str(v[4])
    impl_name = impl.name
    cache_tag = impl.cache_tag
else:
    impl_version, impl_name, cache_tag = "0", "", None
# What platform.python_implementation(), python_version(), machine(), ... say.
implementation = "PyPy" if "__pypy__" in sys.builtin_module_names else "CPython"
version = sys.version.split()[0]
uname = os.uname()
sys.stdout.write(dump({
    "implementation": implementation,
    "version": version,
    "version_info": list(sys.version_info[:2]),
    "executable": base_executable(),
    "is_venv": base_executable() != os.path.realpath(sys.executable),
    "free_threaded": bool(var("Py_GIL_DISABLED")),
    "platform": sysconfig.get_platform(),
    "ext_suffix": var("EXT_SUFFIX") or var("SO"),
    "py_version_nodot": var("py_version_nodot"),
    "py_debug": var("Py_DEBUG"),
    "with_pymalloc": var("WITH_PYMALLOC"),
    "unicode_size": var("Py_UNICODE_SIZE"),
    "maxunicode": sys.maxunicode,
    "has_refcount": hasattr(sys, "gettotalrefcount"),
    "pointer_bits": 64 if sys.maxsize > 2 ** 32 else 32,
    "glibc": glibc_version(),
    "site_packages": site_packages(),
    "cache_tag": cache_tag,
    "markers": {
        "implementation_name": impl_name,
        "implementation_version": impl_version,
        "os_name": os.name,
        "platform_machine": uname[4],
        "platform_python_implementation": implementation,
        "platform_release": uname[2],
        "platform_system": uname[0],
        "platform_version": uname[3],
        "python_full_version": version,
        "python_version": "%d.%d" % sys.version_info[:2],
        "sys_platform": sys.platform,
    },
}) + "\n")
)PY";
}

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
