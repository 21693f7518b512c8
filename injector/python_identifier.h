// Whether a name can be a Python module, package or attribute name: what the
// injector needs to know of entry-point targets (read/wheel_chroot) and of
// the modules it compiles (compile/bytecode_compiler).
#pragma once

#include <string_view>

namespace pexrc {

/// A Python identifier, ASCII or not: non-ASCII UTF-8 bytes are let through
/// (Python decides; they cannot break the quoting of a generated script).
inline bool is_python_identifier(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (unsigned char c : s)
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c >= 0x80))
      return false;
  return true;
}

}  // namespace pexrc
