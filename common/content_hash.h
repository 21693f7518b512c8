// The content hash of a cache unit (a wheel's chroot, or an app's own code):
// what the injector records in PEXRC-INFO and the launcher recomputes while it
// writes the unit's files. docs/DESIGN.md ("Content hashes") defines it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/sha256.h"

namespace pexrc {

using Digest = std::array<uint8_t, 32>;

/// Files are hashed in pieces of this size, each on its own, so that the
/// pieces of one big file can be hashed by different threads in any order.
/// It equals the injector's chunk (and so zstd frame) size.
constexpr size_t kHashPieceSize = 4 << 20;

/// A file's digest from its content given in any number of pieces, in order.
class FileHasher {
 public:
  void update(const void* data, size_t size);
  void update(std::string_view s) { update(s.data(), s.size()); }
  Digest finish();

 private:
  Sha256 piece_;
  size_t in_piece_ = 0;
  Sha256 pieces_;  ///< over the digests of the finished pieces
};

/// A file's digest from the SHA-256 of each of its pieces, in order (what
/// FileHasher computes, for pieces hashed separately).
Digest file_digest_of_pieces(const std::vector<Digest>& pieces);

/// The unit's hash from its files and directories, added in any order.
class UnitHasher {
 public:
  /// `path` is relative to the unit's root, without a trailing '/'.
  void add_file(std::string path, bool executable, uint64_t size, const Digest& digest);
  void add_directory(std::string path);
  /// The bytes the unit's hash is the SHA-256 of: a header line, then every
  /// record sorted by path. Kept beside the unit as its manifest, which reads
  /// back with parse_unit_text and is vouched for by the unit's name.
  std::string text() const;
  /// Lower-case hex of the unit's SHA-256: content_hash_of_text(text()).
  std::string finish() const;
  bool empty() const { return records_.empty(); }

 private:
  struct Record {
    std::string path;
    std::string tail;  ///< kind, mode, size and digest as hashed
  };
  std::vector<Record> records_;
};

/// True for 64 lower-case hex digits, the spelling finish() gives.
bool is_content_hash(std::string_view s);

/// Lower-case hex of the SHA-256 of a unit's text.
std::string content_hash_of_text(std::string_view text);

/// One record of a unit's text.
struct UnitRecord {
  std::string path;  ///< relative to the unit's root
  bool directory = false;
  bool executable = false;  ///< files: mode 755, else 644
  uint64_t size = 0;        ///< files only
  Digest digest{};          ///< files only
};

/// The records of a text UnitHasher::text() wrote; nullopt if it is not one
/// (another header, a record cut short, an unknown kind).
std::optional<std::vector<UnitRecord>> parse_unit_text(std::string_view text);

}  // namespace pexrc
