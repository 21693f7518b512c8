// Fuzz helpers: hand a fuzzer's input to code that reads files, through an
// anonymous memory file (no disk I/O, nothing left behind) or, for callers
// that want a real path, one temp file rewritten per input.
#pragma once

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/file_io.h"

namespace pexrc::fuzz {

/// A memfd holding `data`, positioned at 0. Aborts on failure: that is the
/// harness failing, not the code under test.
inline UniqueFd memfd_holding(const uint8_t* data, size_t size) {
  int fd = ::memfd_create("fuzz-input", MFD_CLOEXEC);
  if (fd < 0) ::abort();
  UniqueFd owned(fd);
  pwrite_all(fd, data, size, 0, "fuzz-input");
  return owned;
}

/// A file under $TMPDIR (or /tmp) that each call rewrites with `data`; its path
/// stays the same for the whole run and it is removed at exit.
inline const std::string& temp_file_holding(const uint8_t* data, size_t size) {
  static std::string path;
  if (path.empty()) {
    const char* dir = ::getenv("TMPDIR");
    std::string templ = std::string(dir && *dir ? dir : "/tmp") + "/pexrc-fuzz-XXXXXX";
    int fd = ::mkstemp(templ.data());
    if (fd < 0) ::abort();
    ::close(fd);
    path = templ;
    ::atexit([] { ::unlink(path.c_str()); });
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) ::abort();
  UniqueFd owned(fd);
  pwrite_all(fd, data, size, 0, path);
  return path;
}

}  // namespace pexrc::fuzz
