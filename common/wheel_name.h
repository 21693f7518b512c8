// Wheel file names (PEP 427 "File name convention") and their compressed tag sets
// (PEP 425 "Compressed Tag Sets").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pexrc {

/// The parts of "{distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform
/// tag}.whl".
struct WheelName {
  std::string distribution;  ///< as written, e.g. "Foo_Bar"
  std::string key;           ///< distribution normalised (PEP 503), e.g. "foo-bar"
  std::string version;       ///< as written; a valid PEP 440 version
  /// The build tag split into its leading number and the rest, e.g. "1b" is {1, "b"}
  /// (PEP 427: it "sorts as an empty tuple if unspecified, else as a two-item tuple").
  std::optional<std::pair<uint64_t, std::string>> build;
  /// Every "python-abi-platform" tag the name stands for, lower-cased: the cartesian product
  /// of the dot-separated sets of each part, python outermost and platform innermost, each
  /// in file order, without repeats. "py2.py3-none-any" gives "py2-none-any", "py3-none-any".
  std::vector<std::string> tags;
};

/// Parses a wheel's file name (without directories). Returns nullopt unless it ends in
/// ".whl" and has 5 or 6 non-empty "-"-separated parts, where the distribution is made of
/// ASCII letters, digits, "_" and "." (PEP 427 "Escaping and Unicode"), the version is valid
/// PEP 440, the optional build tag starts with a digit, and no tag set has an empty member.
std::optional<WheelName> parse_wheel_name(std::string_view file_name);

}  // namespace pexrc
