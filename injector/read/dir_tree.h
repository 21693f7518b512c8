// A directory as an InputTree, walked with Boost.Filesystem: depth first,
// each directory before its contents, siblings sorted bytewise by name (the
// order pex writes its zips in), so the same tree always gives the same walk.
// Used for --layout loose/packed PEX directories and for wheels converted to
// chroots in a scratch directory.
#pragma once

#include <boost/filesystem/path.hpp>
#include <string>
#include <vector>

#include "common/file_io.h"
#include "injector/read/input_tree.h"

namespace pexrc {

class DirTree : public InputTree {
 public:
  /// Walks the tree under `root` (not yielding `root` itself); errors name
  /// `label`. Symlinks are refused with Error(kUnsupported), except, with
  /// `drop_pex_link`, the top-level `pex -> __main__.py` link pex adds to
  /// directory PEXes, which is skipped. Neither is ever followed.
  DirTree(const std::string& root, std::string label, bool drop_pex_link);

  std::unique_ptr<EntrySource> open() override;
  std::string local_path() const override;

 protected:
  bool advance(InputEntry& out) override;

 private:
  struct Level {
    std::string rel;                 ///< "" for the root, else "a/b/"
    std::vector<std::string> names;  ///< sorted
    size_t next = 0;
  };
  void push_level(const std::string& rel);
  [[noreturn]] void refuse_symlink(const Level& level, const std::string& name);

  boost::filesystem::path root_;
  std::string label_;
  bool drop_pex_link_;
  std::vector<Level> stack_;
  std::string current_;  ///< relative name of the current file ("" if a directory)
};

}  // namespace pexrc
