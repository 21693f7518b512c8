// A zip file as an InputTree, read sequentially through libarchive, whose
// seekable zip reader copes with whatever pex versions and zip tools produced
// (#! or sh prefixes, data descriptors, zip64, deflate). Used for zipapp PEXes
// and for the zips inside PEXes: packed wheel chroots and .whl files.
#pragma once

#include <string>

#include "injector/read/input_tree.h"

struct archive;

namespace pexrc {

class ZipTree : public InputTree {
 public:
  /// Opens the zip at `path`; errors name `label` (the path as the user would
  /// know it, e.g. "app/.deps/x.whl"). Throws Error(kBadArchive) if it is not
  /// a zip.
  ZipTree(const std::string& path, std::string label);
  explicit ZipTree(const std::string& path) : ZipTree(path, path) {}
  ~ZipTree() override;
  ZipTree(const ZipTree&) = delete;
  ZipTree& operator=(const ZipTree&) = delete;

  bool next(InputEntry& out) override;
  size_t read(void* buf, size_t size) override;

 private:
  [[noreturn]] void fail_archive(const std::string& what);

  std::string label_;
  struct archive* a_ = nullptr;
  std::string current_;
};

}  // namespace pexrc
