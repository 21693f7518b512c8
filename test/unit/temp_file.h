// Test helper shared by the unit tests that need real files.
#pragma once

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/file_io.h"

namespace pexrc {

// A file made with mkstemp under /tmp, closed and removed when it goes out of scope.
class TempFile {
 public:
  TempFile() {
    char name[] = "/tmp/pexrc-zip-test-XXXXXX";
    fd_ = ::mkstemp(name);
    REQUIRE_MESSAGE(fd_ >= 0, "mkstemp failed");
    path_ = name;
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }

  uint64_t size() const { return file_size(fd_, path_); }

  std::string contents() const {
    std::string out(size_t(size()), '\0');
    REQUIRE(pread_exact(fd_, out.data(), out.size(), 0));
    return out;
  }

  void truncate(uint64_t length) { REQUIRE(::ftruncate(fd_, off_t(length)) == 0); }

  void replace_contents(std::string_view bytes) {
    truncate(0);
    pwrite_all(fd_, bytes.data(), bytes.size(), 0, path_);
  }

  void write_at(uint64_t offset, std::string_view bytes) {
    pwrite_all(fd_, bytes.data(), bytes.size(), offset, path_);
  }

 private:
  int fd_ = -1;
  std::string path_;
};

}  // namespace pexrc
