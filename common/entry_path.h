// Rules for archive entry names that may become paths under the cache root.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pexrc {

/// "" if `name` can safely become a path inside the directory it is extracted
/// into, else what is wrong with it. Safe: relative (no leading '/'), no '.',
/// '..' or empty components (a single trailing '/' marks a directory), and
/// spelled so that it reads back as the same name everywhere: valid UTF-8
/// (pexrc's zips declare UTF-8 names), no NUL or other control character, no
/// component longer than a file name may be (255 bytes).
std::string entry_name_problem(std::string_view name);
inline bool is_safe_entry_name(std::string_view name) { return entry_name_problem(name).empty(); }

/// `name` as it can be shown in a one-line message: bytes that are control
/// characters or not ASCII as \xNN.
std::string printable_name(std::string_view name);

/// A safe name of one component: what a wheel name must be to name a
/// directory (`.deps/<wheel>/`) and a cache entry.
bool is_plain_component(std::string_view name);

/// Fingerprints and hashes that become directory names: 1 to 128 ASCII
/// letters, digits, '-' or '_'.
bool is_safe_key(std::string_view key);

/// "" if the names can all be extracted side by side, else a description of
/// the first clash: a name given twice (a trailing '/' aside), or a file that
/// another name needs as its directory ("a" and "a/b").
std::string name_clash(const std::vector<std::string_view>& names);

/// "" if every name is safe and none clashes, else the first problem, naming
/// the entry ("entry name 'a/../b' has a '..' component", or name_clash's).
std::string archive_names_problem(const std::vector<std::string_view>& names);

}  // namespace pexrc
