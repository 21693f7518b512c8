#include "runtime/select/discovery.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include "common/text.h"

namespace pexrc {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool is_interpreter_name(std::string_view name) {
  std::string_view rest = name;
  if (!consume_prefix(rest, "python") && !consume_prefix(rest, "pypy")) return false;
  if (!rest.empty() && rest.back() == 't') rest.remove_suffix(1);
  if (rest.empty()) return true;
  size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return all_digits(rest) && rest.size() == 1;
  return dot == 1 && all_digits(rest.substr(0, 1)) && all_digits(rest.substr(2));
}

bool is_executable_file(const std::string& path) {
  if (path.empty()) return false;
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

std::vector<std::string> split_search_path(const std::string& search_path) {
  std::vector<std::string> dirs;
  std::set<std::string> seen;
  for (std::string& dir : split_nonempty(search_path, ':'))
    if (seen.insert(dir).second) dirs.push_back(std::move(dir));
  return dirs;
}

std::vector<std::string> find_all_named(const std::string& name, const std::string& search_path) {
  std::vector<std::string> found;
  for (const std::string& dir : split_search_path(search_path))
    if (is_executable_file(dir + "/" + name)) found.push_back(dir + "/" + name);
  return found;
}

std::vector<std::string> discover_candidates(const std::string& search_path) {
  std::vector<std::string> found;
  for (const std::string& dir : split_search_path(search_path)) {
    // PEX_PYTHON_PATH may name interpreters directly, whatever they are called.
    if (is_executable_file(dir)) {
      found.push_back(dir);
      continue;
    }
    DIR* d = ::opendir(dir.c_str());
    if (!d) continue;
    std::vector<std::string> names;
    while (struct dirent* e = ::readdir(d))
      if (is_interpreter_name(e->d_name)) names.emplace_back(e->d_name);
    ::closedir(d);
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      std::string path = dir + "/" + name;
      if (is_executable_file(path)) found.push_back(path);
    }
  }
  return found;
}

}  // namespace pexrc
