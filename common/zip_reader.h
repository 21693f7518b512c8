// Reads the central directory of a zip that may have bytes prepended (a
// launcher stub or a #! line) through pread, so several threads can share one
// descriptor. Used by the launcher's hot path: the leading records can be
// read without parsing the rest of the directory.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/zip_format.h"

namespace pexrc {

class ZipReader {
 public:
  /// Locates the end-of-central-directory record (and its zip64 form).
  /// Throws Error(kBadArchive) naming `path` if the file is not a zip or is truncated.
  ZipReader(int fd, std::string path);

  /// Bytes in front of the zip proper (where offset 0 of the archive lies).
  uint64_t prefix_size() const { return prefix_; }
  uint64_t entry_count() const { return entry_count_; }
  const std::string& path() const { return path_; }
  int fd() const { return fd_; }

  /// Every central-directory record, in directory order.
  std::vector<zip::Entry> read_all() const;
  /// Only the first `count` records (fewer if the archive has fewer): one
  /// small read whatever the archive size.
  std::vector<zip::Entry> read_leading(size_t count) const;
  /// Absolute offset of an entry's data, from its local header; validates
  /// that the header agrees with the directory and that the data fits the file.
  uint64_t data_offset(const zip::Entry& entry) const;
  /// Data of a stored entry, CRC-checked. For small metadata such as PEX-INFO.
  std::string read_stored(const zip::Entry& entry) const;

 private:
  [[noreturn]] void corrupt(const std::string& why) const;
  /// Parses one record at `pos` in `buf`; returns its size.
  size_t parse_central_record(const uint8_t* buf, size_t avail, zip::Entry& out) const;
  void locate_zip64(uint64_t eocd_pos);
  void check_frame_table(const zip::Entry& entry) const;

  int fd_;
  std::string path_;
  uint64_t file_size_ = 0;
  uint64_t prefix_ = 0;
  uint64_t cd_offset_ = 0;  // absolute
  uint64_t cd_size_ = 0;
  uint64_t entry_count_ = 0;
};

}  // namespace pexrc
