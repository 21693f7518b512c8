#include "common/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/error.h"

namespace pexrc {

UniqueFd& UniqueFd::operator=(UniqueFd&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.release();
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

UniqueFd open_for_reading(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(Status::kNotAPex, path + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    fail(Status::kNotAPex, path + ": is a directory");
  }
  return UniqueFd(fd);
}

uint64_t file_size(int fd, const std::string& path) {
  struct stat st;
  if (::fstat(fd, &st) != 0) fail_errno(path);
  return uint64_t(st.st_size);
}

bool pread_exact(int fd, void* buf, size_t size, uint64_t offset) {
  auto* p = static_cast<char*>(buf);
  while (size > 0) {
    ssize_t n = ::pread(fd, p, size, off_t(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      fail_errno("read");
    }
    if (n == 0) return false;
    p += n;
    size -= size_t(n);
    offset += uint64_t(n);
  }
  return true;
}

void pwrite_all(int fd, const void* buf, size_t size, uint64_t offset, const std::string& path) {
  const auto* p = static_cast<const char*>(buf);
  while (size > 0) {
    ssize_t n = ::pwrite(fd, p, size, off_t(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      fail_errno(path);
    }
    p += n;
    size -= size_t(n);
    offset += uint64_t(n);
  }
}

void copy_range(int from, const std::string& from_path, uint64_t from_offset, int to,
                const std::string& to_path, uint64_t to_offset, uint64_t length) {
  bool in_kernel = true;
  std::string buf;
  while (length > 0) {
    size_t step = size_t(std::min<uint64_t>(length, 1 << 30));
    ssize_t n = -1;
    if (in_kernel) {
      off_t in = off_t(from_offset), out = off_t(to_offset);
      n = ::copy_file_range(from, &in, to, &out, step, 0);
      if (n < 0 && errno == EINTR) continue;
      // Not across these file systems (or kernels): copy through memory.
      if (n < 0 && (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP))
        in_kernel = false;
      else if (n < 0)
        fail_errno("cannot copy " + from_path + " to " + to_path);
    }
    if (!in_kernel) {
      buf.resize(std::min<size_t>(step, 1 << 20));
      n = ::pread(from, buf.data(), std::min(step, buf.size()), off_t(from_offset));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail_errno("cannot read " + from_path);
      pwrite_all(to, buf.data(), size_t(n), to_offset, to_path);
    }
    if (n == 0) fail(Status::kIo, from_path + ": ends before the data to copy");
    from_offset += uint64_t(n);
    to_offset += uint64_t(n);
    length -= uint64_t(n);
  }
}

void write_all(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      fail_errno(path);
    }
    data.remove_prefix(size_t(n));
  }
}

bool read_small_file(const std::string& path, std::string& out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  UniqueFd owner(fd);
  out.clear();
  char buf[8192];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) return true;
    out.append(buf, size_t(n));
  }
}

}  // namespace pexrc
