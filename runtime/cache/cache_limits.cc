#include "runtime/cache/cache_limits.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "common/error.h"
#include "common/file_io.h"
#include "common/text.h"
#include "runtime/cache/cache_command.h"

namespace pexrc {
namespace {

// A settings file anyone else could have written would let them empty our
// cache (a cap of one byte) or keep it growing: read only a file we trust,
// as the root itself.
bool trusted_file(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  return (st.st_uid == ::geteuid() || st.st_uid == 0) && (st.st_mode & 022) == 0;
}

struct Setting {
  std::string text;
  std::string where;  ///< "PEXRC_CACHE_MAX_SIZE" or "<root>/pexrc.toml:3"
};

// The file is TOML, read by a reader of the few lines it needs (`key =
// "text"` or `key = 123`, comments, blank lines): toml++ would bring
// iostreams and locales into the static stub (+650 KB). Anything else is
// refused with its line, never half understood.
void read_file_settings(const std::string& path, std::optional<Setting>& max_size,
                        std::optional<Setting>& keep) {
  std::string text;
  if (!trusted_file(path) || !read_small_file(path, text)) return;
  size_t number = 0;
  for (std::string_view line : split(text, '\n')) {
    std::string where = path + ":" + std::to_string(++number);
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    size_t eq = line.find('=');
    std::string_view key = trim(line.substr(0, std::min(eq, line.size())));
    std::string_view value = eq == std::string_view::npos ? "" : trim(line.substr(eq + 1));
    std::optional<Setting>* slot = key == "max_size"          ? &max_size
                                   : key == "keep_old_builds" ? &keep
                                                              : nullptr;
    if (!slot)
      fail(Status::kConfig, where + ": expected max_size = \"20G\" or keep_old_builds = \"7d\"");
    bool quoted = value.size() >= 2 && value.front() == '"' && value.back() == '"' &&
                  value.substr(1, value.size() - 2).find_first_of("\"\\") == std::string_view::npos;
    bool digits = !value.empty() && value.find_first_not_of("0123456789") == std::string_view::npos;
    if (!quoted && !digits)
      fail(Status::kConfig, where + ": " + std::string(key) + " wants a quoted string or a number");
    *slot = Setting{std::string(quoted ? value.substr(1, value.size() - 2) : value), where};
  }
}

}  // namespace

std::optional<uint64_t> parse_size(const std::string& text) {
  std::string_view rest = trim(text);
  size_t end = 0;
  while (end < rest.size() && ((rest[end] >= '0' && rest[end] <= '9') || rest[end] == '.')) ++end;
  std::string number(rest.substr(0, end));
  rest.remove_prefix(end);
  if (number.empty() || number.size() > 20 || number.front() == '.' ||
      std::count(number.begin(), number.end(), '.') > 1)
    return std::nullopt;
  int shift = 0;
  if (!rest.empty()) {
    const std::string units = "KMGT";
    size_t unit = units.find(char(rest[0] & ~0x20));
    if (unit != std::string::npos) {
      shift = 10 * int(unit + 1);
      rest.remove_prefix(1);
    }
  }
  if (!rest.empty() && rest != "B" && !(shift && rest == "iB")) return std::nullopt;
  double value = std::strtod(number.c_str(), nullptr) * std::ldexp(1.0, shift);
  if (!(value >= 1) || value > 9.0e18) return std::nullopt;
  return uint64_t(value);
}

CacheLimits read_cache_limits(const CacheRoot& cache, const char* max_size_var,
                              const char* keep_old_builds_var) {
  std::optional<Setting> max_size, keep;
  read_file_settings(cache.root + "/" + kCacheSettingsName, max_size, keep);
  if (max_size_var && *max_size_var) max_size = Setting{max_size_var, "PEXRC_CACHE_MAX_SIZE"};
  if (keep_old_builds_var && *keep_old_builds_var)
    keep = Setting{keep_old_builds_var, "PEXRC_KEEP_OLD_BUILDS"};
  CacheLimits limits;
  if (max_size) {
    limits.max_bytes = parse_size(max_size->text);
    if (!limits.max_bytes)
      fail(Status::kConfig, max_size->where +
                                ": the cache's max size must be a size such as 20G, "
                                "512M or a number of bytes, not '" +
                                max_size->text + "'");
    limits.source = max_size->where;
  }
  if (keep) {
    limits.keep_old_builds = parse_age(keep->text);
    if (limits.keep_old_builds < 0)
      fail(Status::kConfig, keep->where +
                                ": keeping old builds wants an age such as 7d, 12h or "
                                "0, not '" +
                                keep->text + "'");
  }
  return limits;
}

}  // namespace pexrc
