#include "common/entry_path.h"

namespace pexrc {

bool is_safe_entry_name(std::string_view name) {
  if (name.empty() || name.front() == '/') return false;
  if (name.back() == '/') name.remove_suffix(1);
  if (name.empty()) return false;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    std::string_view part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (part.find('\0') != std::string_view::npos) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace pexrc
