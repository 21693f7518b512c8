// Rules for archive entry names that may become paths under the cache root.
#pragma once

#include <string_view>

namespace pexrc {

/// True if `name` is a relative path that stays inside the directory it is
/// extracted into: no leading '/', no '.' or '..' components, no empty
/// components (a single trailing '/' marks a directory), no NUL bytes.
bool is_safe_entry_name(std::string_view name);

}  // namespace pexrc
