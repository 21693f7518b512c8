// Sequential reader of an input PEX zip through libarchive, whose seekable zip
// reader copes with whatever pex versions and zip tools produced (prefixes,
// data descriptors, zip64, deflate).
#pragma once

#include <cstdint>
#include <string>

struct archive;

namespace pexrc {

struct InputEntry {
  std::string name;  ///< as in the archive; directories end with '/'
  uint32_t mode = 0; ///< st_mode (type and permission bits)
  uint64_t size = 0; ///< uncompressed size
  bool is_directory() const { return !name.empty() && name.back() == '/'; }
};

class PexArchive {
 public:
  /// Opens `path`; throws Error(kNotAPex / kBadArchive) naming it.
  explicit PexArchive(const std::string& path);
  ~PexArchive();
  PexArchive(const PexArchive&) = delete;
  PexArchive& operator=(const PexArchive&) = delete;

  /// Advances to the next entry; false at the end of the archive.
  bool next(InputEntry& out);
  /// Reads up to `size` bytes of the current entry's data; 0 at its end.
  size_t read(void* buf, size_t size);
  /// Reads the whole current entry (for small metadata files).
  std::string read_all();

 private:
  [[noreturn]] void fail_archive(const std::string& what);

  std::string path_;
  struct archive* a_ = nullptr;
  std::string current_;
};

}  // namespace pexrc
