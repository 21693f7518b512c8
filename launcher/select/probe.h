// Asks interpreters who they are by running each once, all at the same time,
// without a shell.
#pragma once

#include <string>
#include <vector>

namespace pexrc {

/// The Python source every interpreter runs: prints one JSON object.
const char* probe_script();

/// Runs `exe -E -s -c probe_script()` for each executable concurrently.
/// Returns each one's stdout, or an empty string if it failed, hung past the
/// deadline or was not a Python at all.
std::vector<std::string> run_probes(const std::vector<std::string>& executables);

}  // namespace pexrc
