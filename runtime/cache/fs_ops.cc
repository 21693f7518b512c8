#include "runtime/cache/fs_ops.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "common/error.h"
#include "common/file_io.h"

namespace pexrc {

void make_dirs(const std::string& path, unsigned mode) {
  if (path.empty()) return;
  if (::mkdir(path.c_str(), mode) == 0) return;
  if (errno == EEXIST) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
      fail(Status::kIo, path + ": exists and is not a directory");
    return;
  }
  if (errno != ENOENT) fail_errno("cannot create directory " + path);
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos || slash == 0) fail_errno("cannot create directory " + path);
  make_dirs(path.substr(0, slash), mode);
  if (::mkdir(path.c_str(), mode) != 0 && errno != EEXIST)
    fail_errno("cannot create directory " + path);
}

void remove_tree_at(int parent_fd, const char* name) {
  if (::unlinkat(parent_fd, name, 0) == 0 || errno == ENOENT) return;
  int fd = ::openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  DIR* dir = ::fdopendir(fd);
  if (!dir) {
    ::close(fd);
    return;
  }
  while (struct dirent* d = ::readdir(dir)) {
    if (d->d_name[0] == '.' && (d->d_name[1] == 0 || (d->d_name[1] == '.' && d->d_name[2] == 0)))
      continue;
    remove_tree_at(fd, d->d_name);
  }
  ::closedir(dir);
  ::unlinkat(parent_fd, name, AT_REMOVEDIR);
}

namespace {

std::vector<std::string> names_of(DIR* d) {
  std::vector<std::string> names;
  while (struct dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(std::move(n));
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

void remove_tree(const std::string& path) { remove_tree_at(AT_FDCWD, path.c_str()); }

std::optional<std::vector<std::string>> dir_names(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return std::nullopt;
  return names_of(d);
}

std::optional<std::vector<std::string>> dir_names_at(int dir_fd) {
  int fd = ::openat(dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR* d = fd < 0 ? nullptr : ::fdopendir(fd);
  if (!d) {
    if (fd >= 0) ::close(fd);
    return std::nullopt;
  }
  return names_of(d);
}

bool path_exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

void publish_dir(const std::string& work_dir, const std::string& final_path) {
  size_t slash = final_path.rfind('/');
  if (slash != std::string::npos && slash > 0) make_dirs(final_path.substr(0, slash));
  if (::rename(work_dir.c_str(), final_path.c_str()) == 0) return;
  int saved = errno;
  if (saved == EEXIST || saved == ENOTEMPTY) {
    remove_tree(work_dir);
    return;
  }
  remove_tree(work_dir);
  errno = saved;
  fail_errno("cannot publish " + final_path);
}

void write_new_file(const std::string& path, const std::string& content, unsigned mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) fail_errno("cannot create " + path);
  UniqueFd owner(fd);
  write_all(fd, content, path);
}

DirLock::DirLock(const std::string& lock_path, bool shared) {
  fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0 && errno == EACCES) fd_ = ::open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) fail_errno("cannot open lock " + lock_path);
  while (::flock(fd_, shared ? LOCK_SH : LOCK_EX) != 0) {
    if (errno != EINTR) fail_errno("cannot lock " + lock_path);
  }
}

DirLock::~DirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace pexrc
