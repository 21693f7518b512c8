// Interpreter constraints as pex writes them into PEX-INFO, e.g. "CPython>=3.9,<3.13".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/pep440.h"

namespace pexrc {

enum class Implementation { kCPython, kPyPy };

/// What the interpreter search learned about one candidate interpreter.
struct InterpreterFacts {
  Implementation impl;
  Version version;
  bool free_threaded;  ///< a "t" build without the GIL (PEP 703)
};

/// One entry: an optional implementation name (case-insensitive "CPython" or "PyPy"), an
/// optional build flavour, and a PEP 440 specifier set. Flavours: "+t" or "[free-threaded]"
/// accepts only free-threaded builds, "-t" or "[gil]" only GIL builds.
struct InterpreterConstraint {
  std::optional<Implementation> impl;  ///< nullopt: any implementation
  std::optional<bool> free_threaded;   ///< nullopt: either build
  SpecifierSet specifiers;
  std::string text;  ///< the entry as written, trimmed

  /// True when the interpreter fits. Its version may be a pre-release (3.14.0rc1 fits
  /// ">=3.9"): choosing an installed interpreter is not choosing a release to download.
  bool matches(const InterpreterFacts& facts) const;
};

/// Parses one entry; throws Error(Status::kBadPexInfo, "invalid interpreter constraint
/// '<text>': <why>") for unknown implementations and malformed flavours or specifiers.
InterpreterConstraint parse_interpreter_constraint(std::string_view text);

/// PEX-INFO's list is OR'ed; an empty list accepts every interpreter.
bool any_matches(const std::vector<InterpreterConstraint>& constraints,
                 const InterpreterFacts& facts);

}  // namespace pexrc
