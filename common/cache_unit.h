// Which cache unit an entry of a .pexrc belongs to. The injector hashes each
// unit and the launcher extracts and verifies each one, so both must draw the
// lines in the same place.
#pragma once

#include <string_view>

namespace pexrc {

struct UnitOf {
  enum Kind { kNone, kCode, kWheel } kind = kNone;
  std::string_view wheel;  ///< the wheel file name, for kWheel
  std::string_view path;   ///< relative to the unit's root, without a trailing '/'
  /// For a file of compiled bytecode, PEXRC-BYTECODE/<tag>/<name>: the cache
  /// tag; the other fields then describe <name> (a bytecode layer of that unit).
  std::string_view bytecode_tag;
};

/// `.deps/<wheel>/<path>` is in that wheel's unit; PEX-INFO, PEXRC-INFO,
/// __main__.py, PEXRC-TOOLS, PEXRC-SBOM.cdx.json, `.deps/` and each `.deps/<wheel>/` itself are in
/// none (nor is anything directly in `.deps/`); everything else is the app's own code.
/// PEXRC-BYTECODE/<tag>/<name> is classified as <name> is, with its tag;
/// PEXRC-BYTECODE/ and PEXRC-BYTECODE/<tag>/ themselves are in none.
UnitOf unit_of_entry(std::string_view name);

}  // namespace pexrc
