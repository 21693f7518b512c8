#include "runtime/extract/decode_entry.h"

#define ZSTD_STATIC_LINKING_ONLY  // ZSTD_d_forceIgnoreChecksum
#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>

#include "common/crc32.h"
#include "common/error.h"
#include "common/file_io.h"

namespace pexrc {
namespace {

constexpr size_t kBuffer = 1 << 20;

[[noreturn]] void corrupt(const ZipReader& zip, const zip::Entry& e, const std::string& why) {
  fail(Status::kBadArchive, zip.path() + ": " + e.name + ": " + why);
}

void set_integrity(EntryScratch& s, Integrity integrity) {
  ZSTD_DCtx_setParameter(
      s.dctx, ZSTD_d_forceIgnoreChecksum,
      integrity == Integrity::kContentHashOnly ? ZSTD_d_ignoreChecksum : ZSTD_d_validateChecksum);
}

}  // namespace

EntryScratch::EntryScratch() : dctx(ZSTD_createDCtx()), in(kBuffer, '\0'), out(kBuffer, '\0') {}
EntryScratch::~EntryScratch() { ZSTD_freeDCtx(dctx); }

namespace {

// Streams the decoded data to `sink` in pieces, checking sizes (and the
// archive's checksums with kArchiveChecks).
void decode_entry(const ZipReader& zip, const zip::Entry& entry, EntryScratch& s,
                  Integrity integrity, const std::function<void(std::string_view)>& sink) {
  const bool check_crc = integrity == Integrity::kArchiveChecks;
  uint64_t offset = zip.data_offset(entry);
  uint64_t left = entry.compressed_size;
  uint64_t written = 0;
  if (entry.method == zip::kMethodStored) {
    uint32_t crc = 0;
    while (left > 0) {
      size_t n = size_t(std::min<uint64_t>(left, s.in.size()));
      if (!pread_exact(zip.fd(), s.in.data(), n, offset)) corrupt(zip, entry, "truncated");
      if (check_crc) crc = crc32_update(crc, s.in.data(), n);
      sink(std::string_view(s.in.data(), n));
      offset += n;
      left -= n;
      written += n;
    }
    if (check_crc && crc != entry.crc32) corrupt(zip, entry, "CRC mismatch");
  } else if (entry.method == zip::kMethodZstd) {
    ZSTD_DCtx_reset(s.dctx, ZSTD_reset_session_only);
    set_integrity(s, integrity);
    size_t last = 0;
    while (left > 0) {
      size_t n = size_t(std::min<uint64_t>(left, s.in.size()));
      if (!pread_exact(zip.fd(), s.in.data(), n, offset)) corrupt(zip, entry, "truncated");
      offset += n;
      left -= n;
      ZSTD_inBuffer in{s.in.data(), n, 0};
      // A full output buffer may hide more pending output: keep calling
      // until the input is used up and the decoder has room to spare, unless
      // the frame just ended exactly at the buffer's end (0 = nothing pending;
      // another call would ask for the next frame's header).
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
      } while (in.pos < in.size || (out.pos == out.size && last != 0));
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

namespace {

UniqueFd create_file(const zip::Entry& entry, const std::string& dest) {
  unsigned mode = (entry.unix_mode() & 0111) ? 0755 : 0644;
  int fd = ::open(dest.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) fail_errno("cannot create " + dest);
  return UniqueFd(fd);
}

}  // namespace

Digest write_entry(const ZipReader& zip, const zip::Entry& entry, const std::string& dest,
                   EntryScratch& scratch) {
  StepTimes& t = scratch.times;
  UniqueFd fd;
  {
    StepClock clock(t.create_ns);
    fd = create_file(entry, dest);
  }
  FileHasher hash;
  const uint64_t started = steady_ns(), sinks_before = t.hash_ns + t.write_ns;
  decode_entry(zip, entry, scratch, Integrity::kContentHashOnly, [&](std::string_view piece) {
    {
      StepClock clock(t.hash_ns);
      hash.update(piece);
    }
    StepClock clock(t.write_ns);
    write_all(fd.get(), piece, dest);
  });
  t.decode_ns += steady_ns() - started - (t.hash_ns + t.write_ns - sinks_before);
  {
    StepClock clock(t.close_ns);
    fd = UniqueFd();
  }
  return hash.finish();
}

Digest digest_entry(const ZipReader& zip, const zip::Entry& entry, EntryScratch& scratch) {
  FileHasher hash;
  decode_entry(zip, entry, scratch, Integrity::kArchiveChecks,
               [&](std::string_view piece) { hash.update(piece); });
  return hash.finish();
}

UniqueFd create_entry_file(const zip::Entry& entry, const std::string& dest) {
  UniqueFd fd = create_file(entry, dest);
  // Reserving the blocks at once spares the file system from growing the file
  // frame by frame from several threads, and reports a full disk before any
  // decoding. fallocate(2), not posix_fallocate: where the file system cannot
  // reserve, the file just grows as it is written instead of glibc writing
  // zeros first.
  if (::fallocate(fd.get(), 0, 0, off_t(entry.uncompressed_size)) != 0 &&
      (errno == ENOSPC || errno == EDQUOT))
    fail_errno("cannot create " + dest);
  return fd;
}

void check_frame_span(const ZipReader& zip, const zip::Entry& entry) {
  if (!entry.frames.sizes.empty() && entry.frames.span != kHashPieceSize)
    corrupt(zip, entry, "frames are not of the 4 MiB pexrc-inject writes");
}

std::string_view decode_frame(const ZipReader& zip, const zip::Entry& entry, size_t index,
                              uint64_t offset, EntryScratch& s, Integrity integrity) {
  const zip::FrameTable& t = entry.frames;
  size_t in_size = t.sizes[index];
  uint64_t skipped = uint64_t(t.span) * index;
  size_t want = size_t(std::min<uint64_t>(t.span, entry.uncompressed_size - skipped));
  if (s.frame_in.size() < in_size) s.frame_in.resize(in_size);
  if (s.frame_out.size() < t.span) s.frame_out.resize(t.span);
  if (!pread_exact(zip.fd(), s.frame_in.data(), in_size, offset)) corrupt(zip, entry, "truncated");
  // One call for the frame: a frame that ends early or runs long fails the
  // size check below.
  set_integrity(s, integrity);
  size_t got = ZSTD_decompressDCtx(s.dctx, s.frame_out.data(), t.span, s.frame_in.data(), in_size);
  if (ZSTD_isError(got)) corrupt(zip, entry, std::string("zstd: ") + ZSTD_getErrorName(got));
  if (got != want)
    corrupt(zip, entry, "frame " + std::to_string(index) + " does not decode to its size");
  return std::string_view(s.frame_out.data(), got);
}

std::string read_entry(const ZipReader& zip, const zip::Entry& entry, EntryScratch& scratch) {
  std::string data;
  decode_entry(zip, entry, scratch, Integrity::kArchiveChecks,
               [&](std::string_view piece) { data.append(piece); });
  return data;
}

}  // namespace pexrc
