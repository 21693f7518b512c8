// Asks interpreters who they are by running each once, all at the same time,
// without a shell.
#pragma once

#include <string>
#include <vector>

namespace pexrc {

/// The Python source every interpreter runs: prints one JSON object.
const char* probe_script();

/// Set in every probe's environment. A pexrc launcher that finds it was
/// started as a probe (a .pexrc named as an interpreter, or run by a wrapper
/// that is) prints kLauncherAnswer and exits instead of probing in turn.
constexpr const char* kProbeMarkerVariable = "_PEXRC_PROBE";
constexpr const char* kLauncherAnswer = "pexrc-launcher\n";

struct ProbeOutcome {
  enum class Kind {
    kAnswered,   ///< exited 0; `output` is what it printed
    kRefused,    ///< ran and failed, or is no program: a definite "not a Python"
    kLauncher,   ///< a pexrc launcher answered
    kTransient,  ///< could not start, was killed or timed out: ask again next time
  };
  Kind kind = Kind::kTransient;
  std::string output;
  std::string
      problem;  ///< kTransient: the cause, e.g. "cannot start: Resource temporarily unavailable"
};

/// Runs `exe -E -s -S -c probe_script()` for each executable concurrently.
std::vector<ProbeOutcome> run_probes(const std::vector<std::string>& executables);

}  // namespace pexrc
