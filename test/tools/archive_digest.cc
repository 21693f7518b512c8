// Lists every file entry of a zip as "<sha256> <size> <name>", sorted, read
// through libarchive: an independent reader for checking what pexrc-inject
// wrote (including zstd entries behind the launcher stub).
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "common/sha256.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: archive_digest ZIP\n");
    return 2;
  }
  archive* a = archive_read_new();
  archive_read_support_format_zip_seekable(a);
  if (archive_read_open_filename(a, argv[1], 1 << 16) != ARCHIVE_OK) {
    std::fprintf(stderr, "archive_digest: %s: %s\n", argv[1], archive_error_string(a));
    return 1;
  }
  std::vector<std::string> lines;
  archive_entry* e;
  int r;
  while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
    if (archive_entry_filetype(e) == AE_IFDIR) continue;
    pexrc::Sha256 h;
    uint64_t size = 0;
    char buf[1 << 16];
    la_ssize_t n;
    while ((n = archive_read_data(a, buf, sizeof buf)) > 0) {
      h.update(buf, size_t(n));
      size += uint64_t(n);
    }
    if (n < 0) {
      std::fprintf(stderr, "archive_digest: %s: %s: %s\n", argv[1], archive_entry_pathname(e),
                   archive_error_string(a));
      return 1;
    }
    auto d = h.finish();
    lines.push_back(pexrc::to_hex(d.data(), d.size()) + " " + std::to_string(size) + " " +
                    archive_entry_pathname(e));
  }
  if (r != ARCHIVE_EOF) {
    std::fprintf(stderr, "archive_digest: %s: %s\n", argv[1], archive_error_string(a));
    return 1;
  }
  archive_read_free(a);
  std::sort(lines.begin(), lines.end(), [](const std::string& x, const std::string& y) {
    return x.substr(x.find(' ', 65) + 1) < y.substr(y.find(' ', 65) + 1);
  });
  for (const std::string& l : lines) std::printf("%s\n", l.c_str());
  return 0;
}
