// InputTree: what the injector's two passes walk. One entry at a time, in a
// fixed order, each with its name, mode, size and a reader for its data,
// whether it comes from a zip (zip_tree.h), a directory (dir_tree.h) or a
// wheel expanded on the way (wheel_expander.h). pex_input.h picks and stacks
// them for a PEX of any layout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace pexrc {

struct InputEntry {
  std::string name;   ///< relative, '/'-separated; directories end with '/'
  uint32_t mode = 0;  ///< st_mode (type and permission bits)
  uint64_t size = 0;  ///< uncompressed size; 0 for directories
  bool is_directory() const { return !name.empty() && name.back() == '/'; }
};

class InputTree {
 public:
  virtual ~InputTree() = default;

  /// Advances to the next entry; false at the end. Throws Error naming the
  /// input for anything it cannot read or will not convert.
  virtual bool next(InputEntry& out) = 0;
  /// Reads up to `size` bytes of the current entry's data; 0 at its end.
  virtual size_t read(void* buf, size_t size) = 0;
  /// A filesystem path holding exactly the current entry's data, if the tree
  /// has one (a directory does, a zip does not); "" otherwise.
  virtual std::string local_path() const { return ""; }

  /// Reads the rest of the current entry (for small metadata files).
  std::string read_all();
};

}  // namespace pexrc
