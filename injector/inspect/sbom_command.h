// `pexrc-inject sbom APP.pexrc|APP.pex [--format cyclonedx|spdx] [-o FILE]`:
// the SBOM a .pexrc carries, or the one pexrc-inject would give a PEX.
#pragma once

#include <string>
#include <vector>

namespace pexrc {

/// Returns the exit status; errors (usage, bad input, altered SBOM) throw.
int run_sbom_command(const std::vector<std::string>& args);

}  // namespace pexrc
