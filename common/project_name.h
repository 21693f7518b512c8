// Project name normalisation (PEP 503 "Normalized Names").
#pragma once

#include <string>
#include <string_view>

namespace pexrc {

/// The PEP 503 normal form of a project name: ASCII letters lower-cased and every run of
/// "-", "_" and "." replaced by one "-", e.g. "A.B-C__D" becomes "a-b-c-d". The same rule
/// normalises extra names (PEP 685). Other characters are kept as they are.
std::string normalize_project_name(std::string_view name);

}  // namespace pexrc
