#include "injector/read/zip_tree.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include "common/error.h"

namespace pexrc {

ZipTree::ZipTree(const std::string& path, std::string label) : label_(std::move(label)) {
  a_ = archive_read_new();
  if (!a_) fail(Status::kInternal, "libarchive: out of memory");
  // Only the seekable zip reader: it trusts the central directory, which is
  // what Python's zipimport does too, and finds the zip behind a #! prefix.
  archive_read_support_format_zip_seekable(a_);
  if (archive_read_open_filename(a_, path.c_str(), 1 << 16) != ARCHIVE_OK)
    fail_archive("not a zip archive");
}

ZipTree::~ZipTree() {
  if (a_) archive_read_free(a_);
}

void ZipTree::fail_archive(const std::string& what) {
  const char* detail = a_ ? archive_error_string(a_) : nullptr;
  std::string msg = label_ + ": " + what;
  if (detail && *detail) msg += std::string(" (") + detail + ")";
  fail(Status::kBadArchive, msg);
}

bool ZipTree::next(InputEntry& out) {
  struct archive_entry* e = nullptr;
  int r = archive_read_next_header(a_, &e);
  if (r == ARCHIVE_EOF) return false;
  if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
    fail_archive("cannot read entry after '" + current_ + "'");
  const char* name = archive_entry_pathname(e);
  if (!name) fail_archive("entry without a name after '" + current_ + "'");
  out.name = name;
  out.mode = archive_entry_mode(e);
  out.size = archive_entry_size_is_set(e) ? uint64_t(archive_entry_size(e)) : 0;
  if (S_ISDIR(out.mode) && (out.name.empty() || out.name.back() != '/')) out.name += '/';
  current_ = out.name;
  return true;
}

size_t ZipTree::read(void* buf, size_t size) {
  la_ssize_t n = archive_read_data(a_, buf, size);
  if (n < 0) fail_archive("cannot read data of '" + current_ + "'");
  return size_t(n);
}

}  // namespace pexrc
