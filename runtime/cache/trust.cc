#include "runtime/cache/trust.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "common/error.h"

namespace pexrc {

std::string distrust_of(const struct stat& st, bool as_ancestor) {
  if (S_ISLNK(st.st_mode)) return "is a symbolic link";
  if (!S_ISDIR(st.st_mode)) return "is not a directory";
  if (st.st_uid != ::geteuid() && st.st_uid != 0)
    return "is owned by uid " + std::to_string(st.st_uid) + ", neither you nor root";
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !(as_ancestor && (st.st_mode & S_ISVTX)))
    return (st.st_mode & S_IWOTH) ? "is writable by others" : "is writable by its group";
  return "";
}

std::string distrust_of_chain(const std::string& dir, bool dir_as_ancestor) {
  // From the top down, so the message names the outermost problem.
  for (size_t end = 1; end <= dir.size(); ++end) {
    if (end < dir.size() && dir[end] != '/') continue;
    std::string prefix = end == 1 ? "/" : dir.substr(0, end);
    struct stat st;
    if (::lstat(prefix.c_str(), &st) != 0) return prefix + " cannot be examined";
    std::string why = distrust_of(st, end < dir.size() || dir_as_ancestor);
    if (!why.empty()) return prefix + " " + why;
  }
  return "";
}

std::string deepest_existing(const std::string& path) {
  std::string p = path;
  struct stat st;
  while (p.size() > 1 && ::lstat(p.c_str(), &st) != 0) {
    size_t slash = p.rfind('/');
    if (slash == std::string::npos) return "/";  // not absolute: callers make it so
    p = slash == 0 ? "/" : p.substr(0, slash);
  }
  return p;
}

std::string resolve_existing_part(const std::string& path) {
  std::string absolute = path;
  if (absolute.empty() || absolute[0] != '/') {
    char cwd[PATH_MAX];
    if (!::getcwd(cwd, sizeof cwd)) fail_errno("cannot resolve " + path);
    absolute = std::string(cwd) + "/" + path;
  }
  while (absolute.size() > 1 && absolute.back() == '/') absolute.pop_back();
  std::string existing = deepest_existing(absolute);
  char resolved[PATH_MAX];
  if (!::realpath(existing.c_str(), resolved)) fail_errno("cannot resolve " + existing);
  std::string out = resolved;
  std::string rest = existing == "/" ? absolute : absolute.substr(existing.size());
  if (out == "/" && !rest.empty()) out.clear();
  return out + rest;
}

}  // namespace pexrc
