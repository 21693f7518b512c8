// Writes a zip archive after `base_offset` bytes already in the file (the
// launcher stub). Offsets are recorded relative to the start of the file, as
// `zip -A` does, so ordinary tools read the result without a warning.
// Output is a pure function of the calls made: fixed timestamps, no extras
// beyond zip64 and pexrc's frame table, so identical input gives identical
// bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/zip_format.h"

namespace pexrc {

struct NewEntry {
  std::string name;
  uint16_t method = zip::kMethodStored;
  uint32_t unix_mode = 0100644;  ///< st_mode including the file type bits
  /// Upper bound of the sizes, known before the data is: decides whether the
  /// local header needs a zip64 extra field.
  uint64_t size_hint = 0;
};

class ZipWriter {
 public:
  /// `fd` must be open for writing at `base_offset`; `path` names it in errors.
  /// `force_zip64` writes zip64 records even when not needed (for tests).
  ZipWriter(int fd, std::string path, uint64_t base_offset, bool force_zip64 = false);

  /// Streams one entry: begin, any number of write_data calls, then end with
  /// the CRC-32 and sizes, which are patched into the local header. A frame
  /// table of two or more frames goes into the central directory record
  /// (left out if it would not fit an extra field).
  void begin_entry(const NewEntry& entry);
  void write_data(std::string_view bytes);
  void end_entry(uint32_t crc32, uint64_t uncompressed_size, zip::FrameTable frames = {});

  /// Convenience for an entry whose bytes are all at hand.
  void add(const NewEntry& entry, std::string_view bytes, uint32_t crc32,
           uint64_t uncompressed_size);

  /// Before finish(): replaces the data of stored entry `index` (in order of
  /// writing) by `bytes` of the same length, whose CRC-32 is `crc32`.
  void rewrite_stored(size_t index, std::string_view bytes, uint32_t crc32);

  /// Writes the central directory and end records and flushes; returns the
  /// offset one past the last byte written.
  uint64_t finish();
  /// After finish(): the same archive in the file `fd`, starting `base` bytes
  /// in (behind another stub) instead of at base_offset: the entries are
  /// copied byte for byte and a directory with moved offsets is written, so
  /// the result equals what writing the entries there would have given.
  /// Returns the offset one past its last byte.
  uint64_t copy_to(int fd, const std::string& path, uint64_t base) const;

 private:
  void flush();
  void put(std::string_view bytes);
  void patch(uint64_t offset, const std::string& bytes);

  int fd_;
  std::string path_;
  bool force_zip64_;
  uint64_t base_offset_;
  uint64_t cd_start_ = 0;  // set by finish()
  uint64_t pos_;           // file offset of the next byte put()
  uint64_t flushed_to_;    // file offset of buffer_[0]
  std::string buffer_;
  std::vector<zip::Entry> written_;
  std::vector<uint64_t> data_starts_;  // of each written entry
  bool in_entry_ = false;
  bool local_zip64_ = false;
  uint64_t data_start_ = 0;
};

}  // namespace pexrc
