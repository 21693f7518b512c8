// The syntax of SPDX license expressions (SPDX 2.3, annex D), without the licence list:
// whether a METADATA License-Expression can be passed on as one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pexrc {

/// The references a well-formed expression makes to licences outside the SPDX list.
struct SpdxExpressionRefs {
  std::vector<std::string> license_refs;  ///< every "LicenseRef-..." once, sorted
  bool document_refs = false;             ///< whether a "DocumentRef-...:LicenseRef-..." occurs
};

/// nullopt unless `expression` follows the grammar of SPDX 2.3 annex D: identifiers
/// (letters, digits, "-", "."; a licence id may end in "+"), "LicenseRef-" and
/// "DocumentRef-...:LicenseRef-..." references, "WITH" after a simple expression, "AND"
/// binding tighter than "OR", parentheses; operators in upper case. Whether an identifier
/// is on the SPDX licence list is not checked (PEP 639 leaves that to build backends).
std::optional<SpdxExpressionRefs> parse_spdx_expression(std::string_view expression);

}  // namespace pexrc
