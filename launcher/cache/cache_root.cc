#include "launcher/cache/cache_root.h"

#include <algorithm>

#include <unistd.h>

#include <cstdlib>

#include "common/error.h"
#include "launcher/cache/fs_ops.h"

namespace pexrc {
namespace {

std::string absolute(std::string path) {
  if (!path.empty() && path[0] == '/') return path;
  char cwd[4096];
  if (!::getcwd(cwd, sizeof cwd)) fail_errno("cannot resolve the cache root " + path);
  return std::string(cwd) + "/" + path;
}

const char* non_empty_env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

}  // namespace

// The fallback __main__.py (injector/write/fallback_main.cc) repeats these
// rules in Python to place launcher copies: change both together.
std::string lock_path_for(const CacheRoot& cache, const std::string& dest) {
  std::string rel = dest.substr(cache.root.size() + 1);
  std::replace(rel.begin(), rel.end(), '/', '-');
  return cache.locks() + "/" + rel + ".lck";
}

CacheRoot cache_root_from_env() {
  if (const char* v = non_empty_env("PEXRC_ROOT")) return {absolute(v)};
  // Users who moved pex's cache want pexrc's beside it.
  if (const char* v = non_empty_env("PEX_ROOT")) return {absolute(std::string(v) + "/pexrc")};
  if (const char* v = non_empty_env("XDG_CACHE_HOME")) return {absolute(std::string(v) + "/pexrc")};
  if (const char* v = non_empty_env("HOME")) return {absolute(std::string(v) + "/.cache/pexrc")};
  fail(Status::kIo, "cannot place the cache: set PEXRC_ROOT or HOME");
}

std::optional<CacheRoot> writable_or_fallback(const CacheRoot& cache) {
  try {
    make_dirs(cache.root);
    if (::access(cache.root.c_str(), W_OK) == 0) return std::nullopt;
  } catch (const Error&) {
  }
  // As pex does: run anyway from a private temporary root, removed when the
  // app exits (see the boot script), and say so once.
  const char* tmp = non_empty_env("TMPDIR");
  std::string tmpl = std::string(tmp ? tmp : "/tmp") + "/pexrc-root.XXXXXX";
  if (!::mkdtemp(tmpl.data()))
    fail_errno("cannot create a temporary cache root in " + std::string(tmp ? tmp : "/tmp"));
  std::string line = "pexrc: warning: cache root " + cache.root + " is not writable; using " +
                     tmpl + " for this run\n";
  (void)::write(2, line.data(), line.size());
  return CacheRoot{tmpl, true};
}

}  // namespace pexrc
