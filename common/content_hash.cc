#include "common/content_hash.h"

#include <algorithm>

#include "common/le_bytes.h"

namespace pexrc {

void FileHasher::update(const void* data, size_t size) {
  const auto* p = static_cast<const uint8_t*>(data);
  while (size > 0) {
    size_t take = std::min(size, kHashPieceSize - in_piece_);
    piece_.update(p, take);
    in_piece_ += take;
    p += take;
    size -= take;
    if (in_piece_ == kHashPieceSize) {
      Digest d = piece_.finish();
      pieces_.update(d.data(), d.size());
      piece_ = Sha256();
      in_piece_ = 0;
    }
  }
}

Digest FileHasher::finish() {
  // A trailing partial piece counts; an empty file has no pieces at all, so
  // hashing a file in pieces gives the same digest whatever the split.
  if (in_piece_ > 0) {
    Digest d = piece_.finish();
    pieces_.update(d.data(), d.size());
  }
  return pieces_.finish();
}

Digest file_digest_of_pieces(const std::vector<Digest>& pieces) {
  Sha256 outer;
  for (const Digest& d : pieces) outer.update(d.data(), d.size());
  return outer.finish();
}

// Each record is "f" or "d", the mode bits the launcher gives the entry, the
// path, a NUL (no path holds one), then for files the size as 8 little-endian
// bytes and the file's digest. Sorting by path makes the hash independent of
// archive order.
void UnitHasher::add_file(std::string path, bool executable, uint64_t size, const Digest& digest) {
  std::string tail = executable ? "f755" : "f644";
  tail.push_back('\0');
  put_u64(tail, size);
  tail.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  records_.push_back({std::move(path), std::move(tail)});
}

void UnitHasher::add_directory(std::string path) {
  records_.push_back({std::move(path), std::string("d755\0", 5)});
}

namespace {
constexpr std::string_view kUnitHeader = "pexrc-unit-1\n";
constexpr size_t kKindSize = 4;  // "f755", "f644" or "d755"
}  // namespace

std::string UnitHasher::text() const {
  std::vector<const Record*> order;
  order.reserve(records_.size());
  for (const Record& r : records_) order.push_back(&r);
  std::sort(order.begin(), order.end(),
            [](const Record* a, const Record* b) { return a->path < b->path; });
  std::string out(kUnitHeader);
  for (const Record* r : order) {
    out.append(r->tail, 0, kKindSize);
    out += r->path;
    out.append(r->tail, kKindSize);
  }
  return out;
}

std::string UnitHasher::finish() const { return content_hash_of_text(text()); }

std::string content_hash_of_text(std::string_view text) {
  Sha256 unit;
  unit.update(text);
  Digest d = unit.finish();
  return to_hex(d.data(), d.size());
}

std::optional<std::vector<UnitRecord>> parse_unit_text(std::string_view text) {
  if (!text.starts_with(kUnitHeader)) return std::nullopt;
  text.remove_prefix(kUnitHeader.size());
  std::vector<UnitRecord> records;
  while (!text.empty()) {
    if (text.size() < kKindSize) return std::nullopt;
    std::string_view kind = text.substr(0, kKindSize);
    size_t nul = text.find('\0', kKindSize);
    if (nul == std::string_view::npos || nul == kKindSize) return std::nullopt;
    UnitRecord r;
    r.path = std::string(text.substr(kKindSize, nul - kKindSize));
    text.remove_prefix(nul + 1);
    if (kind == "d755") {
      r.directory = true;
    } else if (kind == "f755" || kind == "f644") {
      if (text.size() < 8 + r.digest.size()) return std::nullopt;
      r.executable = kind == "f755";
      r.size = load_u64(reinterpret_cast<const uint8_t*>(text.data()));
      std::copy_n(text.begin() + 8, r.digest.size(), r.digest.begin());
      text.remove_prefix(8 + r.digest.size());
    } else {
      return std::nullopt;
    }
    records.push_back(std::move(r));
  }
  return records;
}

bool is_content_hash(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace pexrc
