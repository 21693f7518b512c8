#include "injector/read/pex_archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include "common/error.h"

namespace pexrc {

PexArchive::PexArchive(const std::string& path) : path_(path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) fail(Status::kNotAPex, path + ": no such file");
  if (S_ISDIR(st.st_mode))
    fail(Status::kUnsupported,
         path + ": directory PEX layouts (--layout packed/loose) are not supported yet; "
                "build a zipapp PEX");
  a_ = archive_read_new();
  if (!a_) fail(Status::kInternal, "libarchive: out of memory");
  // Only the seekable zip reader: it trusts the central directory, which is
  // what Python's zipimport does too, and finds the zip behind a #! prefix.
  archive_read_support_format_zip_seekable(a_);
  if (archive_read_open_filename(a_, path.c_str(), 1 << 16) != ARCHIVE_OK)
    fail_archive("not a zip archive");
}

PexArchive::~PexArchive() {
  if (a_) archive_read_free(a_);
}

void PexArchive::fail_archive(const std::string& what) {
  const char* detail = a_ ? archive_error_string(a_) : nullptr;
  std::string msg = path_ + ": " + what;
  if (detail && *detail) msg += std::string(" (") + detail + ")";
  fail(Status::kBadArchive, msg);
}

bool PexArchive::next(InputEntry& out) {
  struct archive_entry* e = nullptr;
  int r = archive_read_next_header(a_, &e);
  if (r == ARCHIVE_EOF) return false;
  if (r != ARCHIVE_OK && r != ARCHIVE_WARN) fail_archive("cannot read entry after '" + current_ + "'");
  const char* name = archive_entry_pathname(e);
  if (!name) fail_archive("entry without a name after '" + current_ + "'");
  out.name = name;
  out.mode = archive_entry_mode(e);
  out.size = archive_entry_size_is_set(e) ? uint64_t(archive_entry_size(e)) : 0;
  if (S_ISDIR(out.mode) && (out.name.empty() || out.name.back() != '/')) out.name += '/';
  current_ = out.name;
  return true;
}

size_t PexArchive::read(void* buf, size_t size) {
  la_ssize_t n = archive_read_data(a_, buf, size);
  if (n < 0) fail_archive("cannot read data of '" + current_ + "'");
  return size_t(n);
}

std::string PexArchive::read_all() {
  std::string data;
  char buf[1 << 16];
  for (size_t n; (n = read(buf, sizeof buf)) > 0;) data.append(buf, n);
  return data;
}

}  // namespace pexrc
