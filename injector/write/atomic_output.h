// An output file that appears under its final name only once it is complete:
// written to a temporary file in the same directory (unnamed where the
// filesystem allows), renamed on commit, and gone if the injection fails or
// is killed before that. An existing output must be a regular file, or a
// symbolic link to one (which is then replaced, the link kept).
#pragma once

#include <string>

namespace pexrc {

class AtomicOutput {
 public:
  explicit AtomicOutput(std::string final_path);
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  int fd() const { return fd_; }
  const std::string& final_path() const { return final_path_; }
  /// Flushes to disk, sets `mode` and renames over the final path.
  void commit(unsigned mode);

 private:
  std::string final_path_;
  std::string temp_path_;
  int fd_ = -1;
  bool committed_ = false;
  bool anonymous_ = false;  // O_TMPFILE: no name until commit
};

}  // namespace pexrc
