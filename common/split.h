#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pexrc {

/// The non-empty pieces of `text` between `separator`s, in order
/// (PATH-style lists: "a::b:" gives {"a", "b"}).
std::vector<std::string> split_nonempty(std::string_view text, char separator);

}  // namespace pexrc
