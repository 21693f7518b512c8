// config: pexrc-inject's defaults from a TOML file -- pexrc.toml in the
// working directory, else the [tool.pexrc] table of its pyproject.toml, or
// the file --config names. Command-line flags override what it sets.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pexrc {

/// What a configuration file may set; each key absent is nullopt.
struct BuildConfig {
  std::string path;   ///< the file read ("" when none)
  std::string table;  ///< "" for pexrc.toml's top level, "tool.pexrc" in pyproject.toml
  std::optional<std::vector<std::string>> targets;  ///< canonical target names
  std::optional<int> compression_level;
  std::optional<unsigned> jobs;
  std::optional<std::string> output;
  std::optional<bool> quiet;
  std::optional<std::vector<std::string>> compile_for;  ///< interpreters (paths or names)
  std::optional<bool> compile;
};

/// Reads `explicit_path` if given (a file named pyproject.toml is read for
/// its [tool.pexrc] table, any other for its top level), else looks in `dir`
/// for pexrc.toml, then pyproject.toml with a [tool.pexrc] table. Returns an
/// empty BuildConfig (path "") when there is none. A file that is not TOML,
/// an unknown key, a wrong type or a bad value is Error(kConfig) naming the
/// file, the line and the key.
BuildConfig load_build_config(const std::optional<std::string>& explicit_path,
                              const std::string& dir);

/// For --help: which file was read, or where none was found.
std::string describe_config_search(const std::string& dir);

}  // namespace pexrc
