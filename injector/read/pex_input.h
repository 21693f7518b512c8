// A PEX of any layout pex produces, as InputTrees:
//
//   zipapp (a file: zip behind a #! line or a --sh-boot script)  ZipTree
//   --layout loose / packed (a directory)                        DirTree
//
// each wrapped in a WheelExpander, so packed wheel zips and
// --no-pre-install-wheels wheel files come out as the chroot directories a
// zipapp with pre-installed wheels has. Entries keep their names otherwise:
// classify_entry() (entry_roles.h) applies to every layout (packed's
// `.bootstrap` is a zip file rather than a directory; it is dropped all the
// same).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "injector/read/input_tree.h"
#include "injector/read/wheel_expander.h"

namespace pexrc {

class PexInput {
 public:
  /// Throws Error(kNotAPex) if `path` does not exist, Error(kBadArchive) if
  /// a file is not a zip.
  explicit PexInput(const std::string& path);

  /// A fresh walk over the whole PEX, in the same order every time. Wheels
  /// converted by one walk are reused by the next.
  std::unique_ptr<InputTree> walk();

  /// Up to 64 KiB of where the #! line (and a --sh-boot script) lives: the
  /// start of a zipapp, or the __main__.py of a directory PEX ("" if none).
  std::string head() const;

  bool is_directory() const { return is_directory_; }
  /// Bytes the input occupies: the file's size, or the sum of a directory's files.
  uint64_t bytes() const;

 private:
  std::string path_;
  bool is_directory_ = false;
  bool deps_are_wheel_files_ = false;
  WheelStaging staging_;
};

}  // namespace pexrc
