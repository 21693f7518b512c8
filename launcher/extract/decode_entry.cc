#include "launcher/extract/decode_entry.h"

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>

#include "common/crc32.h"
#include "common/error.h"
#include "common/file_io.h"

namespace pexrc {
namespace {

constexpr size_t kBuffer = 1 << 20;

[[noreturn]] void corrupt(const ZipReader& zip, const zip::Entry& e, const std::string& why) {
  fail(Status::kBadArchive, zip.path() + ": " + e.name + ": " + why);
}

}  // namespace

EntryScratch::EntryScratch() : dctx(ZSTD_createDCtx()), in(kBuffer, '\0'), out(kBuffer, '\0') {}
EntryScratch::~EntryScratch() { ZSTD_freeDCtx(dctx); }

namespace {

// Streams the decoded data to `sink` in pieces, checking sizes and checksums.
void decode_entry(const ZipReader& zip, const zip::Entry& entry, EntryScratch& s,
                  const std::function<void(std::string_view)>& sink) {
  uint64_t offset = zip.data_offset(entry);
  uint64_t left = entry.compressed_size;
  uint64_t written = 0;
  if (entry.method == zip::kMethodStored) {
    uint32_t crc = 0;
    while (left > 0) {
      size_t n = size_t(std::min<uint64_t>(left, s.in.size()));
      if (!pread_exact(zip.fd(), s.in.data(), n, offset)) corrupt(zip, entry, "truncated");
      crc = crc32_update(crc, s.in.data(), n);
      sink(std::string_view(s.in.data(), n));
      offset += n;
      left -= n;
      written += n;
    }
    if (crc != entry.crc32) corrupt(zip, entry, "CRC mismatch");
  } else if (entry.method == zip::kMethodZstd) {
    ZSTD_DCtx_reset(s.dctx, ZSTD_reset_session_only);
    size_t last = 0;
    while (left > 0) {
      size_t n = size_t(std::min<uint64_t>(left, s.in.size()));
      if (!pread_exact(zip.fd(), s.in.data(), n, offset)) corrupt(zip, entry, "truncated");
      offset += n;
      left -= n;
      ZSTD_inBuffer in{s.in.data(), n, 0};
      // A full output buffer may hide more pending output: keep calling
      // until the input is used up and the decoder has room to spare.
      ZSTD_outBuffer out;
      do {
        out = {s.out.data(), s.out.size(), 0};
        last = ZSTD_decompressStream(s.dctx, &out, &in);
        if (ZSTD_isError(last))
          corrupt(zip, entry, std::string("zstd: ") + ZSTD_getErrorName(last));
        sink(std::string_view(s.out.data(), out.pos));
        written += out.pos;
        if (written > entry.uncompressed_size)
          corrupt(zip, entry, "more data than its recorded size");
      } while (in.pos < in.size || out.pos == out.size);
    }
    if (last != 0) corrupt(zip, entry, "zstd stream ends mid-frame");
  } else {
    corrupt(
        zip, entry,
        "compression method " + std::to_string(entry.method) + " is not one pexrc-inject writes");
  }
  if (written != entry.uncompressed_size) corrupt(zip, entry, "size does not match the directory");
}

}  // namespace

void write_entry(const ZipReader& zip, const zip::Entry& entry, const std::string& dest,
                 EntryScratch& scratch) {
  unsigned mode = (entry.unix_mode() & 0111) ? 0755 : 0644;
  int fd = ::open(dest.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) fail_errno("cannot create " + dest);
  UniqueFd owner(fd);
  decode_entry(zip, entry, scratch, [&](std::string_view piece) { write_all(fd, piece, dest); });
}

std::string read_entry(const ZipReader& zip, const zip::Entry& entry, EntryScratch& scratch) {
  std::string data;
  decode_entry(zip, entry, scratch, [&](std::string_view piece) { data.append(piece); });
  return data;
}

}  // namespace pexrc
