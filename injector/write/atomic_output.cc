#include "injector/write/atomic_output.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
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
namespace {

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// The path the output replaces: `path` itself, or the regular file a
// symbolic link leads to (the link stays). Anything else that exists (a
// FIFO, /dev/null, a directory, a link to one or to nothing) is refused: the
// rename would replace the special file itself.
std::string replaceable_path(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return path;
  if (S_ISREG(st.st_mode)) return path;
  if (!S_ISLNK(st.st_mode))
    fail(Status::kUsage,
         path + ": exists and is " + kind_of(st.st_mode) + "; refusing to replace it");
  char resolved[PATH_MAX];
  if (!::realpath(path.c_str(), resolved) || ::stat(resolved, &st) != 0)
    fail(Status::kUsage, path + ": is a symbolic link to nothing; refusing to write through it");
  if (!S_ISREG(st.st_mode))
    fail(Status::kUsage, path + ": is a symbolic link to " + resolved + ", which is " +
                             kind_of(st.st_mode) + "; refusing to replace it");
  return resolved;
}

}  // namespace

AtomicOutput::AtomicOutput(std::string final_path) : final_path_(replaceable_path(final_path)) {
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
