#include "runtime/cache/work_dirs.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "common/error.h"
#include "runtime/cache/fs_ops.h"
#include "runtime/cache/trust.h"

namespace pexrc {
namespace {

bool same_file(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

}  // namespace

// A sweeper may have removed the entry between its creation and our lock, or
// a publisher moved it away.
bool still_at(int fd, const std::string& path) { return still_at(fd, AT_FDCWD, path); }

bool still_at(int fd, int dir_fd, const std::string& name) {
  struct stat by_fd, by_name;
  return ::fstat(fd, &by_fd) == 0 &&
         ::fstatat(dir_fd, name.c_str(), &by_name, AT_SYMLINK_NOFOLLOW) == 0 &&
         same_file(by_fd, by_name);
}

WorkDir::WorkDir(const std::string& parent, const std::string& label) {
  make_dirs(parent);
  // A sweep that opened the new directory before we locked it may remove it
  // under us; then we start over with another name.
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::string tmpl = parent + "/" + label + ".work-XXXXXX";
    if (!::mkdtemp(tmpl.data())) fail_errno("cannot create work directory in " + parent);
    int fd = ::open(tmpl.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) continue;
    UniqueFd lock(fd);
    while (::flock(fd, LOCK_EX) != 0)
      if (errno != EINTR) fail_errno("cannot lock work directory " + tmpl);
    if (!still_at(fd, tmpl)) continue;
    path_ = std::move(tmpl);
    lock_ = std::move(lock);
    return;
  }
  fail(Status::kIo, "cannot create a work directory in " + parent + " (removed while created)");
}

WorkDir::~WorkDir() {
  if (!path_.empty()) remove_tree(path_);
}

void WorkDir::publish(const std::string& final_path) {
  // mkdtemp made it private; published, it serves every user of the root.
  if (::fchmod(lock_.get(), 0755) != 0) fail_errno("cannot publish " + final_path);
  publish_dir(path_, final_path);
  path_.clear();
  lock_ = UniqueFd();
}

UniqueFd try_lock_at(int dir_fd, const std::string& name) {
  int fd = ::openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return UniqueFd();
  UniqueFd owner(fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0 || !still_at(fd, dir_fd, name)) return UniqueFd();
  return owner;
}

UniqueFd try_lock_in_place(const std::string& path) { return try_lock_at(AT_FDCWD, path); }

SweepResult sweep_work_dirs(const std::string& work) {
  SweepResult result;
  int fd = ::open(work.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return result;
  UniqueFd dir(fd);
  struct stat st;
  if (::fstat(fd, &st) != 0 || !distrust_of(st, false).empty()) return result;
  for (const std::string& name : dir_names_at(fd).value_or(std::vector<std::string>())) {
    if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
      ::unlinkat(fd, name.c_str(), 0);  // nothing pexrc makes; cannot be locked either
      ++result.removed;
      continue;
    }
    UniqueFd lock = try_lock_at(fd, name);
    if (!lock.valid()) {
      if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) ++result.in_use;
      continue;
    }
    // Held while removing: a builder that meets a half-removed directory of
    // its own name is impossible, names are never reused (mkdtemp).
    remove_tree_at(fd, name.c_str());
    ++result.removed;
  }
  return result;
}

}  // namespace pexrc
