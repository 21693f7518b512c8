// Filesystem steps the cache is built from. Every cache entry is built in a
// private work directory and published with one rename(2), so a reader sees
// either nothing or the finished entry, even after kill -9.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pexrc {

/// mkdir -p; throws Error(kIo) naming the path.
void make_dirs(const std::string& path, unsigned mode = 0755);

/// rm -rf that never follows symlinks; errors are ignored (best effort cleanup).
void remove_tree(const std::string& path);
/// The same for `name` in the open directory `dir_fd`.
void remove_tree_at(int dir_fd, const char* name);

bool path_exists(const std::string& path);

/// The names in `dir` but "." and "..", sorted; nullopt (errno set) if it
/// cannot be read.
std::optional<std::vector<std::string>> dir_names(const std::string& dir);
/// The same for the open directory `dir_fd` (which stays open).
std::optional<std::vector<std::string>> dir_names_at(int dir_fd);

/// Renames a finished work directory to `final_path`. If another process
/// published it first, ours is discarded and theirs is kept: both are
/// equivalent by construction (same content key).
void publish_dir(const std::string& work_dir, const std::string& final_path);

/// Writes `content` to `path` (created exclusively) with `mode`.
void write_new_file(const std::string& path, const std::string& content, unsigned mode = 0644);

/// A flock(2) on a lock file (created if missing), exclusive unless `shared`,
/// released on destruction, or by the kernel when the process dies, which is
/// why flock rather than lock files.
class DirLock {
 public:
  explicit DirLock(const std::string& lock_path, bool shared = false);
  ~DirLock();
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;
  DirLock(DirLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }

 private:
  int fd_ = -1;
};

}  // namespace pexrc
