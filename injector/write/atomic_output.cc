#include "injector/write/atomic_output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/filesystem/path.hpp>
#include <cstdlib>

#include "common/error.h"

namespace pexrc {

AtomicOutput::AtomicOutput(std::string final_path) : final_path_(std::move(final_path)) {
  boost::filesystem::path p(final_path_);
  boost::filesystem::path dir = p.has_parent_path() ? p.parent_path() : boost::filesystem::path(".");
  temp_path_ = (dir / ("." + p.filename().string() + ".tmp-XXXXXX")).string();
  fd_ = ::mkostemp(temp_path_.data(), O_CLOEXEC);
  if (fd_ < 0) fail_errno("cannot create output next to " + final_path_);
}

AtomicOutput::~AtomicOutput() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_path_.c_str());
}

void AtomicOutput::commit(unsigned mode) {
  if (::fchmod(fd_, mode) != 0) fail_errno(temp_path_);
  if (::fsync(fd_) != 0) fail_errno(temp_path_);
  if (::close(fd_) != 0) {
    fd_ = -1;
    fail_errno(temp_path_);
  }
  fd_ = -1;
  if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0) fail_errno(final_path_);
  committed_ = true;
}

}  // namespace pexrc
