// Thin, error-checked wrappers over POSIX file I/O used by both executables.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pexrc {

/// Owns a file descriptor; closes it on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_ = -1;
};

/// Opens for reading; throws Error(kNotAPex) naming the path when it cannot.
UniqueFd open_for_reading(const std::string& path);

/// Size of an open file; throws on failure.
uint64_t file_size(int fd, const std::string& path);

/// Reads exactly size bytes at offset; returns false on a short read (EOF),
/// throws Error(kIo) on an I/O error.
bool pread_exact(int fd, void* buf, size_t size, uint64_t offset);

/// Writes all bytes at offset / at the current position; throws Error(kIo).
void pwrite_all(int fd, const void* buf, size_t size, uint64_t offset, const std::string& path);
void write_all(int fd, std::string_view data, const std::string& path);

/// Copies `length` bytes at `from_offset` of `from` to `to_offset` of `to`,
/// in the kernel where it can (copy_file_range); throws Error(kIo) naming
/// the file that failed, or `from_path` if it ends early.
void copy_range(int from, const std::string& from_path, uint64_t from_offset, int to,
                const std::string& to_path, uint64_t to_offset, uint64_t length);

/// Reads a whole (small) file; returns false if it does not exist or cannot be read.
bool read_small_file(const std::string& path, std::string& out);

}  // namespace pexrc
