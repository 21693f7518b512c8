// Lists every file entry of a zip as "<sha256> <size> <name>", sorted, read
// through libarchive: an independent reader for checking what pexrc-inject
// wrote (including zstd entries behind the launcher stub). `--crc32` prints the
// CRC-32 instead: this machine hashes SHA-256 at ~120 MB/s, too slow for the
// zip64 test's 4 GiB entry.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "common/crc32.h"
#include "common/sha256.h"

namespace {

// "<digest> <size> <name>": the name is everything after the second space.
std::string name_of(const std::string& line) {
  return line.substr(line.find(' ', line.find(' ') + 1) + 1);
}

}  // namespace

int main(int argc, char** argv) {
  bool crc_only = argc == 3 && std::string(argv[1]) == "--crc32";
  if (argc != 2 && !crc_only) {
    std::fprintf(stderr, "usage: archive_digest [--crc32] ZIP\n");
    return 2;
  }
  const char* path = argv[argc - 1];
  archive* a = archive_read_new();
  archive_read_support_format_zip_seekable(a);
  if (archive_read_open_filename(a, path, 1 << 16) != ARCHIVE_OK) {
    std::fprintf(stderr, "archive_digest: %s: %s\n", path, archive_error_string(a));
    return 1;
  }
  std::vector<std::string> lines;
  archive_entry* e;
  int r;
  while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
    if (archive_entry_filetype(e) == AE_IFDIR) continue;
    pexrc::Sha256 h;
    uint32_t crc = 0;
    uint64_t size = 0;
    char buf[1 << 16];
    la_ssize_t n;
    while ((n = archive_read_data(a, buf, sizeof buf)) > 0) {
      if (crc_only)
        crc = pexrc::crc32_update(crc, buf, size_t(n));
      else
        h.update(buf, size_t(n));
      size += uint64_t(n);
    }
    if (n < 0) {
      std::fprintf(stderr, "archive_digest: %s: %s: %s\n", path, archive_entry_pathname(e),
                   archive_error_string(a));
      return 1;
    }
    std::string digest;
    if (crc_only) {
      char hex[9];
      std::snprintf(hex, sizeof hex, "%08x", crc);
      digest = hex;
    } else {
      auto d = h.finish();
      digest = pexrc::to_hex(d.data(), d.size());
    }
    lines.push_back(digest + " " + std::to_string(size) + " " + archive_entry_pathname(e));
  }
  if (r != ARCHIVE_EOF) {
    std::fprintf(stderr, "archive_digest: %s: %s\n", path, archive_error_string(a));
    return 1;
  }
  archive_read_free(a);
  std::sort(lines.begin(), lines.end(),
            [](const std::string& x, const std::string& y) { return name_of(x) < name_of(y); });
  for (const std::string& l : lines) std::printf("%s\n", l.c_str());
  return 0;
}
