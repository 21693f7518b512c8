// InputTree: what the injector's two passes walk. One entry at a time, in a
// fixed order, each with its name, mode, size and a source for its data,
// whether it comes from a zip (zip_tree.h), a directory (dir_tree.h) or a
// wheel expanded on the way (wheel_expander.h). pex_input.h picks and stacks
// them for a PEX of any layout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace pexrc {

struct InputEntry {
  std::string name;   ///< relative, '/'-separated; directories end with '/'
  uint32_t mode = 0;  ///< st_mode (type and permission bits)
  uint64_t size = 0;  ///< uncompressed size; 0 for directories
  bool is_directory() const { return !name.empty() && name.back() == '/'; }
};

/// The data of one entry. It stays readable after the walk has moved on and
/// may be read on another thread than the walk's (one thread at a time), so
/// the entries of one zip can be inflated on every core.
class EntrySource {
 public:
  virtual ~EntrySource() = default;
  /// Reads up to `size` bytes; 0 at the end. Throws Error naming the entry,
  /// also when the data does not match what the input recorded for it.
  virtual size_t read(void* buf, size_t size) = 0;
  /// CRC-32 of the bytes read so far.
  virtual uint32_t crc32() const = 0;
};

class InputTree {
 public:
  virtual ~InputTree() = default;

  /// Advances to the next entry; false at the end. Throws Error naming the
  /// input for anything it cannot read or will not convert.
  bool next(InputEntry& out) {
    current_.reset();
    return advance(out);
  }
  /// A source of the current entry's data (see EntrySource).
  virtual std::unique_ptr<EntrySource> open() = 0;
  /// A filesystem path holding exactly the current entry's data, if the tree
  /// has one (a directory does, a zip does not); "" otherwise.
  virtual std::string local_path() const { return ""; }

  /// Reads the current entry in order, through one source opened on first use.
  size_t read(void* buf, size_t size);
  /// Reads the rest of the current entry (for small metadata files).
  std::string read_all();

 protected:
  virtual bool advance(InputEntry& out) = 0;

 private:
  std::unique_ptr<EntrySource> current_;
};

}  // namespace pexrc
