#include "injector/write/atomic_output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/filesystem/path.hpp>
#include <cerrno>
#include <cstdlib>

#include "common/error.h"

namespace pexrc {

// The output is first an unnamed O_TMPFILE in the target directory: if the
// injector is killed, even with SIGKILL, the kernel reclaims it and nothing
// is left behind. Filesystems without O_TMPFILE get a named temp file that
// is removed on every exit path we control.
AtomicOutput::AtomicOutput(std::string final_path) : final_path_(std::move(final_path)) {
  boost::filesystem::path p(final_path_);
  boost::filesystem::path dir =
      p.has_parent_path() ? p.parent_path() : boost::filesystem::path(".");
  temp_path_ = (dir / ("." + p.filename().string() + ".tmp-XXXXXX")).string();
  fd_ = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ >= 0) {
    anonymous_ = true;
    return;
  }
  fd_ = ::mkostemp(temp_path_.data(), O_CLOEXEC);
  if (fd_ < 0) fail_errno("cannot create output next to " + final_path_);
}

AtomicOutput::~AtomicOutput() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !anonymous_) ::unlink(temp_path_.c_str());
}

void AtomicOutput::commit(unsigned mode) {
  if (::fchmod(fd_, mode) != 0) fail_errno(temp_path_);
  if (::fsync(fd_) != 0) fail_errno(temp_path_);
  if (anonymous_) {
    // Give the finished file a temporary name (linkat cannot replace), then
    // rename it over the final path in one step.
    if (!::mkdtemp(temp_path_.data())) fail_errno("cannot create output next to " + final_path_);
    std::string dir = temp_path_;
    temp_path_ = dir + "/out";
    std::string proc = "/proc/self/fd/" + std::to_string(fd_);
    int rc = ::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, temp_path_.c_str(), AT_SYMLINK_FOLLOW);
    if (rc != 0 || ::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
      int saved = errno;
      ::unlink(temp_path_.c_str());
      ::rmdir(dir.c_str());
      errno = saved;
      fail_errno(final_path_);
    }
    ::rmdir(dir.c_str());
  } else if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    fail_errno(final_path_);
  }
  committed_ = true;
  ::close(fd_);
  fd_ = -1;
}

}  // namespace pexrc
