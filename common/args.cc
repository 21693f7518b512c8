#include "common/args.h"

#include <cstdlib>

namespace pexrc {

bool is_option(std::string_view arg, std::string_view name, std::string_view short_name) {
  if (arg == name || (!short_name.empty() && arg == short_name)) return true;
  return arg.starts_with(name) && arg.size() > name.size() && arg[name.size()] == '=';
}

std::optional<std::string> option_value(const std::vector<std::string>& args, size_t& i) {
  // Only the long spelling can carry a value: is_option matches a short one alone.
  size_t eq = args[i].find('=');
  if (eq != std::string::npos) return args[i].substr(eq + 1);
  if (i + 1 >= args.size()) return std::nullopt;
  return args[++i];
}

std::optional<long> parse_integer(const std::string& text) {
  char* end = nullptr;
  long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0') return std::nullopt;
  return v;
}

std::optional<unsigned> parse_jobs(const std::string& text) {
  std::optional<long> n = parse_integer(text);
  if (!n || *n < 1 || *n > kMaxJobs) return std::nullopt;
  return unsigned(*n);
}

}  // namespace pexrc
