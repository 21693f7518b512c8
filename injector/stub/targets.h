// Which launchers an injection writes: target names and the spellings pex
// uses for them, and the targets a PEX's wheels call for when none is given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pexrc {

/// The launchers an injector can write (embedded_launchers(): this build's).
struct Launchers {
  std::vector<std::string> targets;  ///< canonical names, in a stable order
  std::string host;                  ///< the target of the machine the injector runs on
  std::vector<uint64_t> stub_bytes;  ///< each target's launcher size, when known
};

/// The canonical name for a --target spelling ("aarch64-linux-gnu" ->
/// "aarch64-linux"); throws Error(kUsage) naming the known ones otherwise.
std::string canonical_target(const std::string& spelling, const Launchers& launchers);

/// One line per target with its launcher's size (when known) and aliases, for --list-targets.
std::string target_list(const Launchers& launchers);

/// The target whose launcher can run wheels of a platform tag ("manylinux_2_17_x86_64" ->
/// "x86_64-linux"), "" for "any", nullopt for a platform no launcher serves (macOS, Windows,
/// other architectures).
std::optional<std::string> target_for_platform(std::string_view platform_tag);

struct TargetChoice {
  std::vector<std::string> targets;   ///< canonical, in a stable order
  std::vector<std::string> warnings;  ///< one line each, without a prefix
};

/// `requested` (canonical; empty: infer) checked against the PEX's wheel file names.
/// Inferred: every target some native wheel serves, the host's for a pure-Python PEX.
/// Throws Error(kUnsupported) naming the wheels if native wheels exist and none serves a
/// known target; warns, per target written, of the projects that have native wheels
/// but none that target can use.
TargetChoice choose_targets(const std::vector<std::string>& requested,
                            const std::vector<std::string>& wheel_files, const std::string& label,
                            const Launchers& launchers);

}  // namespace pexrc
