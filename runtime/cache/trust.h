// Whether another local user could have written what pexrc is about to read,
// run or delete. The rule is ssh's StrictModes: a directory is trusted when
// it is owned by the effective user or by root and writable by no one else.
// Ancestors may also be sticky and writable by all (/tmp): there others can
// add entries but cannot rename or remove ours.
#pragma once

#include <sys/stat.h>

#include <string>

namespace pexrc {

/// "" if the directory described by `st` (from lstat) may be trusted, else
/// why not ("is owned by uid 1001", "is writable by others", ...).
/// `as_ancestor`: a sticky directory writable by all is fine.
std::string distrust_of(const struct stat& st, bool as_ancestor);

/// The same for the absolute, symlink-free path `dir` and every directory
/// above it (`dir` itself as an ancestor too if `dir_as_ancestor`): "" if
/// all are trusted, else one message naming the first that is not.
/// A missing `dir` is a problem; use deepest_existing() first.
std::string distrust_of_chain(const std::string& dir, bool dir_as_ancestor = false);

/// `path` made absolute and free of symlinks as far as it exists: the
/// deepest existing ancestor resolved (realpath), the rest appended as given.
std::string resolve_existing_part(const std::string& path);

/// The deepest prefix of the absolute path `path` that exists.
std::string deepest_existing(const std::string& path);

}  // namespace pexrc
