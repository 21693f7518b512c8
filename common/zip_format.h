// Record layouts and constants of the zip format (PKWARE APPNOTE 6.3.x) that
// pexrc reads and writes. Only what PEX files use: no encryption, no spanning.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pexrc::zip {

constexpr uint32_t kLocalHeaderSig = 0x04034b50;      // APPNOTE 4.3.7
constexpr uint32_t kCentralHeaderSig = 0x02014b50;    // 4.3.12
constexpr uint32_t kEndOfCentralDirSig = 0x06054b50;  // 4.3.16
constexpr uint32_t kZip64EndSig = 0x06064b50;         // 4.3.14
constexpr uint32_t kZip64LocatorSig = 0x07064b50;     // 4.3.15

constexpr size_t kLocalHeaderSize = 30;
constexpr size_t kCentralHeaderSize = 46;
constexpr size_t kEndOfCentralDirSize = 22;
constexpr size_t kZip64EndSize = 56;
constexpr size_t kZip64LocatorSize = 20;
constexpr size_t kMaxCommentSize = 0xFFFF;

constexpr uint16_t kZip64ExtraId = 0x0001;  // 4.5.3
/// pexrc's own central-directory extra field (an ID APPNOTE 4.5.2 does not
/// assign): the frame table of a zstd entry made of several independent
/// frames. Readers that do not know it skip it, as APPNOTE 4.5.1 requires.
constexpr uint16_t kFrameTableId = 0x7a73;
/// The largest frame span a reader accepts. The launcher holds one decoded
/// frame per thread in memory, so a corrupt table must not name gigabytes;
/// pexrc-inject writes 4 MiB frames.
constexpr uint32_t kMaxFrameSpan = 64u << 20;

constexpr uint16_t kMethodStored = 0;
constexpr uint16_t kMethodDeflated = 8;
constexpr uint16_t kMethodZstd = 93;  // 4.4.5

/// "Version needed to extract" (APPNOTE 4.4.3.2): the lowest APPNOTE version,
/// times ten, with the features an entry uses.
constexpr uint16_t kVersionBase = 20;   // 2.0: directories, deflate
constexpr uint16_t kVersionZip64 = 45;  // 4.5: zip64 sizes and offsets
constexpr uint16_t kVersionZstd = 63;   // 6.3: zstd (method 93)
/// "Version made by" (4.4.2): the host system in the high byte (3: Unix, whose
/// mode bits the external attributes then hold), the APPNOTE version in the low.
constexpr uint16_t kHostUnix = 3;
constexpr uint16_t kMadeByUnix = (kHostUnix << 8) | kVersionZstd;

constexpr uint16_t kFlagEncrypted = 1 << 0;
constexpr uint16_t kFlagUtf8 = 1 << 11;

constexpr uint32_t kMax32 = 0xFFFFFFFFu;
constexpr uint16_t kMax16 = 0xFFFFu;

/// Where each zstd frame of an entry lies, so that a reader can hand the
/// frames of one big file to several threads: frame i starts at the sum of
/// the sizes before it and decodes to `span` bytes (the last one to the rest).
struct FrameTable {
  uint32_t span = 0;
  std::vector<uint32_t> sizes;  ///< compressed size of each frame
};

/// One central-directory record, with zip64 values already folded in and the
/// local header offset made absolute (relative to the start of the file).
struct Entry {
  std::string name;
  uint16_t version_made_by = 0;
  uint16_t flags = 0;
  uint16_t method = kMethodStored;
  uint32_t crc32 = 0;
  uint64_t compressed_size = 0;
  uint64_t uncompressed_size = 0;
  uint64_t local_header_offset = 0;
  uint32_t external_attr = 0;
  /// Empty unless the entry is zstd in several frames and its writer said so;
  /// when present it agrees with both sizes (the reader checks).
  FrameTable frames;

  bool is_directory() const { return !name.empty() && name.back() == '/'; }
  /// Unix st_mode from the high half of external_attr, 0 when the creator
  /// was not a Unix system (APPNOTE 4.4.2 / 4.4.15).
  uint32_t unix_mode() const {
    return (version_made_by >> 8) == kHostUnix ? external_attr >> 16 : 0;
  }
};

}  // namespace pexrc::zip
