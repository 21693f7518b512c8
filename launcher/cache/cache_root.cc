#include "launcher/cache/cache_root.h"

#include <unistd.h>

#include <cstdlib>

#include "common/error.h"

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

CacheRoot cache_root_from_env() {
  if (const char* v = non_empty_env("PEXRC_ROOT")) return {absolute(v)};
  if (const char* v = non_empty_env("XDG_CACHE_HOME")) return {absolute(std::string(v) + "/pexrc")};
  if (const char* v = non_empty_env("HOME")) return {absolute(std::string(v) + "/.cache/pexrc")};
  fail(Status::kIo, "cannot place the cache: set PEXRC_ROOT or HOME");
}

}  // namespace pexrc
