// Private work directories under <root>/work/, and the sweep that removes
// what dead processes left there. Each work directory is flock(2)ed by its
// owner for as long as it exists (the lock is on the directory itself), so
// "nobody holds its lock" proves the owner is gone, whatever killed it.
#pragma once

#include <string>

#include "common/file_io.h"

namespace pexrc {

/// A locked work directory under `parent` (made if missing); removed on
/// destruction unless published.
class WorkDir {
 public:
  WorkDir(const std::string& parent, const std::string& label);
  ~WorkDir();
  WorkDir(WorkDir&& o) noexcept : path_(std::move(o.path_)), lock_(std::move(o.lock_)) {
    o.path_.clear();
  }
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;
  const std::string& path() const { return path_; }
  /// Renames the directory to `final_path` (see publish_dir) and forgets it.
  void publish(const std::string& final_path);

 private:
  std::string path_;
  UniqueFd lock_;
};

struct SweepResult {
  size_t removed = 0;  ///< debris of dead processes, now gone
  size_t in_use = 0;   ///< entries whose owner still holds the lock
};

/// Removes every entry of `work` (directories, and files that Python writers
/// lock the same way) whose lock nobody holds. Entries of live processes,
/// including the caller's own, are left alone. Works below one descriptor
/// of `work`, opened without following links and trusted (cache/trust.h):
/// a `work` that is a link, or another user's, is not swept at all.
SweepResult sweep_work_dirs(const std::string& work);

/// Whether the open file `fd` is still what `path` names (not removed,
/// replaced or moved away since it was opened).
bool still_at(int fd, const std::string& path);
/// The same for `name` in the open directory `dir_fd`.
bool still_at(int fd, int dir_fd, const std::string& name);

/// Takes an exclusive lock on the directory or file `path` without waiting:
/// the locked descriptor if it is still at `path` (not replaced or moved
/// since it was opened), else an invalid one.
UniqueFd try_lock_in_place(const std::string& path);
/// The same for `name` in the open directory `dir_fd`.
UniqueFd try_lock_at(int dir_fd, const std::string& name);

}  // namespace pexrc
