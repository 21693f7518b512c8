// Paths in JSON. A Linux path is any bytes but NUL; JSON text is Unicode. A
// path that is valid UTF-8 is written as a string, as before; any other is
// written as {"hex": "<its bytes in hex>"}, which every reader (C++ here,
// Python in the probe, the boot script's helpers and the tools) turns back
// into the same bytes. Nothing is dropped or replaced on the way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/json.h"

namespace pexrc {

/// `path` as a JSON value: the string itself, or {"hex": ...}.
nlohmann::json path_to_json(std::string_view path);

/// The bytes a value written by path_to_json (or by the probe) stands for;
/// nullopt if `v` is neither form.
std::optional<std::string> path_from_json(const nlohmann::json& v);

/// The member `key` of the object `j` as a path; "" if absent or malformed.
std::string path_member(const nlohmann::json& j, const char* key);

}  // namespace pexrc
