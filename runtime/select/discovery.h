// Candidate interpreters: executables on the search path named like Python.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pexrc {

/// python, python3, python3.11, pypy, pypy3, pypy3.10, each optionally with
/// a 't' suffix (free-threaded builds).
bool is_interpreter_name(std::string_view name);

/// A regular file (after following symlinks) that we may execute.
bool is_executable_file(const std::string& path);

/// Every executable called `name` in the directories of a PATH-style list.
std::vector<std::string> find_all_named(const std::string& name, const std::string& search_path);

/// The directories of a PATH-style list, in order, without empty entries or repeats.
std::vector<std::string> split_search_path(const std::string& search_path);

/// Executables with interpreter names in each directory of a PATH-style list,
/// in search order (directories in list order, names sorted within one). An
/// entry that is itself an executable file is taken as it is.
std::vector<std::string> discover_candidates(const std::string& search_path);

}  // namespace pexrc
