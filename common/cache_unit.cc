#include "common/cache_unit.h"

#include <algorithm>

#include "common/launch_info.h"

namespace pexrc {

UnitOf unit_of_entry(std::string_view name) {
  UnitOf u;
  if (name == "PEX-INFO" || name == kLaunchInfoName || name == "__main__.py" ||
      name == kToolsEntryName || name == kSbomEntryName)
    return u;
  const std::string_view bytecode_dir = kBytecodeDirName;
  if (name.substr(0, bytecode_dir.size()) == bytecode_dir &&
      (name.size() == bytecode_dir.size() || name[bytecode_dir.size()] == '/')) {
    std::string_view rest = name.substr(std::min(name.size(), bytecode_dir.size() + 1));
    size_t slash = rest.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size()) return u;
    UnitOf layer = unit_of_entry(rest.substr(slash + 1));
    if (layer.kind == UnitOf::kNone || !layer.bytecode_tag.empty()) return u;
    layer.bytecode_tag = rest.substr(0, slash);
    return layer;
  }
  std::string_view path = name;
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  constexpr std::string_view kDeps = ".deps/";
  if (name.substr(0, kDeps.size()) == kDeps || path == ".deps") {
    if (path.size() <= kDeps.size()) return u;
    size_t slash = path.find('/', kDeps.size());
    if (slash == std::string_view::npos) return u;
    u.kind = UnitOf::kWheel;
    u.wheel = path.substr(kDeps.size(), slash - kDeps.size());
    u.path = path.substr(slash + 1);
    return u;
  }
  u.kind = UnitOf::kCode;
  u.path = path;
  return u;
}

}  // namespace pexrc
