// The __main__.py placed in every .pexrc, run only when a user types
// `python app.pexrc`.
#pragma once

#include <string_view>

namespace pexrc {

/// Python 2.7+/3 source that re-executes the archive's own native launcher,
/// passing the running interpreter as the preferred one.
std::string_view fallback_main_py();

}  // namespace pexrc
