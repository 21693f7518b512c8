// A zip file as an InputTree: the central directory read by pexrc's own
// ZipReader (which finds the zip behind a #! line or a --sh-boot script, as
// Python's zipimport does, and knows zip64), each entry's data inflated with
// zlib from positional reads of one shared descriptor, so that many entries
// of one zip are inflated at once. Used for zipapp PEXes and for the zips
// inside PEXes: packed wheel chroots and .whl files.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/zip_format.h"
#include "injector/read/input_tree.h"

namespace pexrc {

struct OpenZip;

class ZipTree : public InputTree {
 public:
  /// Opens the zip at `path`; errors name `label` (the path as the user would
  /// know it, e.g. "app/.deps/x.whl"). Throws Error(kBadArchive) if it is not
  /// a zip.
  ZipTree(const std::string& path, std::string label);
  explicit ZipTree(const std::string& path) : ZipTree(path, path) {}
  ~ZipTree() override;

  std::unique_ptr<EntrySource> open() override;

 protected:
  bool advance(InputEntry& out) override;

 private:
  std::shared_ptr<const OpenZip> zip_;
  std::vector<zip::Entry> entries_;
  size_t next_ = 0;  ///< index of the entry after the current one
};

}  // namespace pexrc
