#include "common/zip_reader.h"

#include <algorithm>

#include "common/crc32.h"
#include "common/error.h"
#include "common/file_io.h"
#include "common/le_bytes.h"

namespace pexrc {

using namespace zip;  // NOLINT: the format's constants read better unqualified here

ZipReader::ZipReader(int fd, std::string path) : fd_(fd), path_(std::move(path)) {
  file_size_ = file_size(fd_, path_);
  if (file_size_ < kEndOfCentralDirSize) corrupt("too small to be a zip archive");

  // The EOCD record is at the very end unless an archive comment follows it
  // (APPNOTE 4.3.16): scan backwards over at most one maximal comment.
  size_t tail = size_t(std::min<uint64_t>(file_size_, kEndOfCentralDirSize + kMaxCommentSize));
  std::string buf(tail, '\0');
  if (!pread_exact(fd_, buf.data(), tail, file_size_ - tail)) corrupt("truncated");
  const auto* b = reinterpret_cast<const uint8_t*>(buf.data());
  size_t found = std::string::npos;
  for (size_t i = tail - kEndOfCentralDirSize + 1; i-- > 0;) {
    if (load_u32(b + i) == kEndOfCentralDirSig &&
        i + kEndOfCentralDirSize + load_u16(b + i + 20) == tail) {
      found = i;
      break;
    }
  }
  if (found == std::string::npos)
    corrupt("no end of central directory record (not a zip, or truncated)");
  const uint8_t* e = b + found;
  uint64_t eocd_pos = file_size_ - tail + found;
  if (load_u16(e + 4) != 0 || load_u16(e + 6) != 0)
    corrupt("multi-disk archives are not supported");
  entry_count_ = load_u16(e + 10);
  cd_size_ = load_u32(e + 12);
  uint64_t recorded_offset = load_u32(e + 16);

  if (entry_count_ == kMax16 || cd_size_ == kMax32 || recorded_offset == kMax32) {
    locate_zip64(eocd_pos);
    return;
  }
  if (cd_size_ + recorded_offset > eocd_pos)
    corrupt("central directory lies outside the file (truncated?)");
  // Offsets inside the archive are relative to its first byte; anything in
  // front (stub, #! line) shows up as the gap between where the directory
  // really ends and where the record says it starts.
  prefix_ = eocd_pos - cd_size_ - recorded_offset;
  cd_offset_ = recorded_offset + prefix_;
}

void ZipReader::locate_zip64(uint64_t eocd_pos) {
  if (eocd_pos < kZip64LocatorSize + kZip64EndSize) corrupt("zip64 locator missing");
  uint8_t loc[kZip64LocatorSize];
  uint64_t loc_pos = eocd_pos - kZip64LocatorSize;
  if (!pread_exact(fd_, loc, sizeof loc, loc_pos) || load_u32(loc) != kZip64LocatorSig)
    corrupt("zip64 locator missing");
  uint64_t recorded_end = load_u64(loc + 8);
  // The zip64 end record normally sits right before its locator; find it
  // there first so prepended bytes are measured the same way as above.
  uint64_t end_pos = loc_pos - kZip64EndSize;
  uint8_t end[kZip64EndSize];
  if (!pread_exact(fd_, end, sizeof end, end_pos) || load_u32(end) != kZip64EndSig) {
    end_pos = recorded_end;
    if (!pread_exact(fd_, end, sizeof end, end_pos) || load_u32(end) != kZip64EndSig)
      corrupt("zip64 end of central directory record missing");
  }
  if (end_pos < recorded_end) corrupt("zip64 end record offset is inconsistent");
  prefix_ = end_pos - recorded_end;
  entry_count_ = load_u64(end + 32);
  cd_size_ = load_u64(end + 40);
  uint64_t recorded_offset = load_u64(end + 48);
  // 64-bit fields: compare by subtracting, as their sum can wrap around.
  uint64_t room = end_pos - prefix_;
  if (recorded_offset > room || cd_size_ > room - recorded_offset)
    corrupt("central directory lies outside the file (truncated?)");
  cd_offset_ = recorded_offset + prefix_;
}

void ZipReader::corrupt(const std::string& why) const {
  fail(Status::kBadArchive, path_ + ": " + why);
}

size_t ZipReader::parse_central_record(const uint8_t* p, size_t avail, Entry& out) const {
  if (avail < kCentralHeaderSize || load_u32(p) != kCentralHeaderSig)
    corrupt("bad central directory record");
  size_t name_len = load_u16(p + 28), extra_len = load_u16(p + 30), comment_len = load_u16(p + 32);
  size_t total = kCentralHeaderSize + name_len + extra_len + comment_len;
  if (total > avail) corrupt("central directory record overruns the directory");
  out.version_made_by = load_u16(p + 4);
  out.flags = load_u16(p + 8);
  out.method = load_u16(p + 10);
  out.crc32 = load_u32(p + 16);
  out.compressed_size = load_u32(p + 20);
  out.uncompressed_size = load_u32(p + 24);
  out.external_attr = load_u32(p + 38);
  out.local_header_offset = load_u32(p + 42);
  out.name.assign(reinterpret_cast<const char*>(p + kCentralHeaderSize), name_len);

  // APPNOTE 4.5.3: the zip64 extra holds, in this order, only the fields whose
  // 32-bit slot is saturated.
  const uint8_t* x = p + kCentralHeaderSize + name_len;
  const uint8_t* x_end = x + extra_len;
  while (x + 4 <= x_end) {
    uint16_t id = load_u16(x), len = load_u16(x + 2);
    const uint8_t* d = x + 4;
    if (d + len > x_end) corrupt("bad extra field in " + out.name);
    if (id == kZip64ExtraId) {
      const uint8_t* f = d;
      auto take = [&](uint64_t& field) {
        if (field != kMax32) return;
        if (f + 8 > d + len) corrupt("short zip64 extra field in " + out.name);
        field = load_u64(f);
        f += 8;
      };
      take(out.uncompressed_size);
      take(out.compressed_size);
      take(out.local_header_offset);
    } else if (id == kFrameTableId) {
      if (len < 12 || len % 4 != 0) corrupt("bad frame table in " + out.name);
      out.frames.span = load_u32(d);
      for (const uint8_t* f = d + 4; f < d + len; f += 4) out.frames.sizes.push_back(load_u32(f));
    }
    x = d + len;
  }
  if (!out.frames.sizes.empty()) check_frame_table(out);
  if (out.flags & kFlagEncrypted) corrupt(out.name + ": encrypted entries are not supported");
  if (out.local_header_offset >= cd_offset_ - prefix_)  // before adding: no wrap-around
    corrupt(out.name + ": local header offset out of range");
  out.local_header_offset += prefix_;
  return total;
}

// A frame table is trusted to split work, so it must describe the entry
// exactly: its frames cover the compressed data and decode to its size.
void ZipReader::check_frame_table(const Entry& e) const {
  const FrameTable& t = e.frames;
  uint64_t compressed = 0;
  for (uint32_t size : t.sizes) compressed += size;
  uint64_t n = t.sizes.size();
  bool ok = e.method == kMethodZstd && t.span > 0 && t.span <= kMaxFrameSpan &&
            compressed == e.compressed_size && uint64_t(t.span) * (n - 1) < e.uncompressed_size &&
            e.uncompressed_size <= uint64_t(t.span) * n;
  if (!ok) corrupt("frame table of " + e.name + " does not match the entry");
}

std::vector<Entry> ZipReader::read_all() const {
  std::string buf(size_t(cd_size_), '\0');
  if (!pread_exact(fd_, buf.data(), buf.size(), cd_offset_)) corrupt("truncated central directory");
  std::vector<Entry> entries;
  entries.reserve(size_t(std::min<uint64_t>(entry_count_, cd_size_ / kCentralHeaderSize)));
  const auto* p = reinterpret_cast<const uint8_t*>(buf.data());
  size_t pos = 0;
  for (uint64_t i = 0; i < entry_count_; ++i) {
    Entry e;
    pos += parse_central_record(p + pos, buf.size() - pos, e);
    entries.push_back(std::move(e));
  }
  return entries;
}

std::vector<Entry> ZipReader::read_leading(size_t count) const {
  count = size_t(std::min<uint64_t>(count, entry_count_));
  // Records are small (46 bytes plus names) in practice; start with 16 KiB
  // and grow only when a record does not fit.
  size_t want = size_t(std::min<uint64_t>(cd_size_, 16 << 10));
  for (;;) {
    std::string buf(want, '\0');
    if (!pread_exact(fd_, buf.data(), want, cd_offset_)) corrupt("truncated central directory");
    const auto* p = reinterpret_cast<const uint8_t*>(buf.data());
    std::vector<Entry> entries;
    size_t pos = 0;
    while (entries.size() < count) {
      if (want - pos < kCentralHeaderSize && want < cd_size_) break;
      size_t total = kCentralHeaderSize;
      if (want - pos >= kCentralHeaderSize)
        total += size_t(load_u16(p + pos + 28)) + load_u16(p + pos + 30) + load_u16(p + pos + 32);
      if (total > want - pos && want < cd_size_) break;
      Entry e;
      pos += parse_central_record(p + pos, want - pos, e);
      entries.push_back(std::move(e));
    }
    if (entries.size() == count) return entries;
    want = size_t(std::min<uint64_t>(cd_size_, uint64_t(want) * 4));
  }
}

uint64_t ZipReader::data_offset(const Entry& entry) const {
  uint8_t h[kLocalHeaderSize];
  if (!pread_exact(fd_, h, sizeof h, entry.local_header_offset) || load_u32(h) != kLocalHeaderSig)
    corrupt(entry.name + ": bad local header");
  uint64_t start =
      entry.local_header_offset + kLocalHeaderSize + load_u16(h + 26) + load_u16(h + 28);
  if (load_u16(h + 26) != entry.name.size())
    corrupt(entry.name + ": local header disagrees with directory");
  if (start > cd_offset_ || entry.compressed_size > cd_offset_ - start)
    corrupt(entry.name + ": data runs past the directory (truncated?)");
  return start;
}

std::string ZipReader::read_stored(const Entry& entry) const {
  if (entry.method != kMethodStored) corrupt(entry.name + ": expected a stored entry");
  if (entry.compressed_size != entry.uncompressed_size) corrupt(entry.name + ": size mismatch");
  uint64_t offset = data_offset(entry);  // first: it checks the size fits the file
  std::string data(size_t(entry.compressed_size), '\0');
  if (!pread_exact(fd_, data.data(), data.size(), offset)) corrupt(entry.name + ": truncated");
  if (crc32_update(0, data.data(), data.size()) != entry.crc32)
    corrupt(entry.name + ": CRC mismatch");
  return data;
}

}  // namespace pexrc
