#include "common/zip_writer.h"

#include "common/error.h"
#include "common/file_io.h"
#include "common/le_bytes.h"

namespace pexrc {

using namespace zip;  // NOLINT

namespace {

constexpr size_t kBufferLimit = 1 << 20;
// MS-DOS date of 1980-01-01 00:00 (APPNOTE 4.4.6): pex uses the same fixed stamp.
constexpr uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr uint16_t kDosTime = 0;

uint16_t version_needed(uint16_t method, bool zip64) {
  if (method == kMethodZstd) return kVersionZstd;
  return zip64 ? kVersionZip64 : kVersionBase;
}

// The central directory and end records of `entries`, whose local headers
// lie `shift` bytes further into the file than recorded, for a directory
// written at `cd_start`.
std::string directory_bytes(const std::vector<Entry>& entries, uint64_t shift, uint64_t cd_start,
                            bool force_zip64) {
  std::string out;
  for (const Entry& entry : entries) {
    Entry e = entry;
    e.local_header_offset += shift;
    bool big_u = force_zip64 || e.uncompressed_size >= kMax32;
    bool big_c = force_zip64 || e.compressed_size >= kMax32;
    bool big_o = force_zip64 || e.local_header_offset >= kMax32;
    // The frame table goes first: CPython 3.13's zipimport reads a zip64
    // extra as if it ran to the end of the record, so nothing may follow it.
    // Bounded by the extra field's 16-bit length (with room left for zip64):
    // 16k frames, 64 GiB at 4 MiB frames; a bigger entry is still readable,
    // one frame after another.
    constexpr size_t kZip64Room = 4 + 3 * 8;
    std::string extra;
    size_t table_len = 4 + 4 * e.frames.sizes.size();
    if (!e.frames.sizes.empty() && 4 + table_len + kZip64Room <= kMax16) {
      put_u16(extra, kFrameTableId);
      put_u16(extra, uint16_t(table_len));
      put_u32(extra, e.frames.span);
      for (uint32_t size : e.frames.sizes) put_u32(extra, size);
    }
    bool zip64_extra = big_u || big_c || big_o;
    if (zip64_extra) {
      std::string fields;
      if (big_u) put_u64(fields, e.uncompressed_size);
      if (big_c) put_u64(fields, e.compressed_size);
      if (big_o) put_u64(fields, e.local_header_offset);
      put_u16(extra, kZip64ExtraId);
      put_u16(extra, uint16_t(fields.size()));
      extra += fields;
    }
    std::string h;
    put_u32(h, kCentralHeaderSig);
    put_u16(h, e.version_made_by);
    put_u16(h, version_needed(e.method, zip64_extra));
    put_u16(h, e.flags);
    put_u16(h, e.method);
    put_u16(h, kDosTime);
    put_u16(h, kDosDate);
    put_u32(h, e.crc32);
    put_u32(h, big_c ? kMax32 : uint32_t(e.compressed_size));
    put_u32(h, big_u ? kMax32 : uint32_t(e.uncompressed_size));
    put_u16(h, uint16_t(e.name.size()));
    put_u16(h, uint16_t(extra.size()));
    put_u16(h, 0);  // comment
    put_u16(h, 0);  // disk
    put_u16(h, 0);  // internal attributes
    put_u32(h, e.external_attr);
    put_u32(h, big_o ? kMax32 : uint32_t(e.local_header_offset));
    h += e.name;
    h += extra;
    out += h;
  }
  uint64_t cd_size = out.size();
  uint64_t count = entries.size();
  bool zip64 = force_zip64 || count >= kMax16 || cd_size >= kMax32 || cd_start >= kMax32;
  if (zip64) {
    uint64_t end64_pos = cd_start + cd_size;
    std::string r;
    put_u32(r, kZip64EndSig);
    put_u64(r, kZip64EndSize - 12);
    put_u16(r, kMadeByUnix);
    put_u16(r, kVersionZip64);
    put_u32(r, 0);
    put_u32(r, 0);
    put_u64(r, count);
    put_u64(r, count);
    put_u64(r, cd_size);
    put_u64(r, cd_start);
    put_u32(r, kZip64LocatorSig);
    put_u32(r, 0);
    put_u64(r, end64_pos);
    put_u32(r, 1);
    out += r;
  }
  std::string r;
  put_u32(r, kEndOfCentralDirSig);
  put_u16(r, 0);
  put_u16(r, 0);
  put_u16(r, zip64 ? kMax16 : uint16_t(count));
  put_u16(r, zip64 ? kMax16 : uint16_t(count));
  put_u32(r, zip64 ? kMax32 : uint32_t(cd_size));
  put_u32(r, zip64 ? kMax32 : uint32_t(cd_start));
  put_u16(r, 0);
  out += r;
  return out;
}

}  // namespace

ZipWriter::ZipWriter(int fd, std::string path, uint64_t base_offset, bool force_zip64)
    : fd_(fd),
      path_(std::move(path)),
      force_zip64_(force_zip64),
      base_offset_(base_offset),
      pos_(base_offset),
      flushed_to_(base_offset) {}

void ZipWriter::put(std::string_view bytes) {
  if (buffer_.size() + bytes.size() > kBufferLimit) flush();
  if (bytes.size() >= kBufferLimit) {
    pwrite_all(fd_, bytes.data(), bytes.size(), pos_, path_);
    flushed_to_ = pos_ + bytes.size();
  } else {
    buffer_.append(bytes);
  }
  pos_ += bytes.size();
}

void ZipWriter::flush() {
  if (!buffer_.empty()) pwrite_all(fd_, buffer_.data(), buffer_.size(), flushed_to_, path_);
  flushed_to_ += buffer_.size();
  buffer_.clear();
}

void ZipWriter::patch(uint64_t offset, const std::string& bytes) {
  if (offset >= flushed_to_) {
    buffer_.replace(size_t(offset - flushed_to_), bytes.size(), bytes);
  } else {
    // The header may straddle the flushed part and the buffer: flush first.
    flush();
    pwrite_all(fd_, bytes.data(), bytes.size(), offset, path_);
  }
}

void ZipWriter::begin_entry(const NewEntry& ne) {
  if (in_entry_) fail(Status::kInternal, "zip writer: nested entry " + ne.name);
  if (ne.name.size() > kMax16) fail(Status::kUnsupported, ne.name + ": entry name too long");
  Entry e;
  e.name = ne.name;
  e.method = ne.method;
  e.version_made_by = kMadeByUnix;
  e.flags = kFlagUtf8;
  e.local_header_offset = pos_;
  e.external_attr = (ne.unix_mode << 16) | (e.is_directory() ? 0x10 : 0);
  // Leave room for the largest a compressed stream can grow past its input.
  local_zip64_ = force_zip64_ || ne.size_hint + (ne.size_hint >> 7) + 4096 >= kMax32;

  std::string h;
  put_u32(h, kLocalHeaderSig);
  put_u16(h, version_needed(e.method, local_zip64_));
  put_u16(h, e.flags);
  put_u16(h, e.method);
  put_u16(h, kDosTime);
  put_u16(h, kDosDate);
  put_u32(h, 0);  // crc, patched in end_entry
  put_u32(h, local_zip64_ ? kMax32 : 0);
  put_u32(h, local_zip64_ ? kMax32 : 0);
  put_u16(h, uint16_t(e.name.size()));
  put_u16(h, local_zip64_ ? 20 : 0);
  h += e.name;
  if (local_zip64_) {
    put_u16(h, kZip64ExtraId);
    put_u16(h, 16);
    put_u64(h, 0);
    put_u64(h, 0);
  }
  put(h);
  data_start_ = pos_;
  data_starts_.push_back(pos_);
  written_.push_back(std::move(e));
  in_entry_ = true;
}

void ZipWriter::write_data(std::string_view bytes) {
  if (!in_entry_) fail(Status::kInternal, "zip writer: data outside an entry");
  put(bytes);
}

void ZipWriter::end_entry(uint32_t crc32, uint64_t uncompressed_size, zip::FrameTable frames) {
  if (!in_entry_) fail(Status::kInternal, "zip writer: end without begin");
  Entry& e = written_.back();
  if (frames.sizes.size() >= 2) e.frames = std::move(frames);
  e.crc32 = crc32;
  e.compressed_size = pos_ - data_start_;
  e.uncompressed_size = uncompressed_size;
  uint64_t off = e.local_header_offset;
  if (local_zip64_) {
    std::string crc;
    put_u32(crc, crc32);
    patch(off + 14, crc);
    std::string sizes;
    put_u64(sizes, uncompressed_size);
    put_u64(sizes, e.compressed_size);
    patch(off + kLocalHeaderSize + e.name.size() + 4, sizes);
  } else {
    if (e.compressed_size >= kMax32 || uncompressed_size >= kMax32)
      fail(Status::kInternal, e.name + ": size hint too small for a 32-bit local header");
    std::string fields;
    put_u32(fields, crc32);
    put_u32(fields, uint32_t(e.compressed_size));
    put_u32(fields, uint32_t(uncompressed_size));
    patch(off + 14, fields);
  }
  in_entry_ = false;
}

void ZipWriter::add(const NewEntry& entry, std::string_view bytes, uint32_t crc32,
                    uint64_t uncompressed_size) {
  begin_entry(entry);
  write_data(bytes);
  end_entry(crc32, uncompressed_size);
}

void ZipWriter::rewrite_stored(size_t index, std::string_view bytes, uint32_t crc32) {
  if (index >= written_.size() || (in_entry_ && index + 1 == written_.size()) ||
      written_[index].method != kMethodStored || written_[index].compressed_size != bytes.size())
    fail(Status::kInternal, "zip writer: cannot rewrite entry " + std::to_string(index));
  Entry& e = written_[index];
  e.crc32 = crc32;
  std::string crc;
  put_u32(crc, crc32);
  patch(e.local_header_offset + 14, crc);
  patch(data_starts_[index], std::string(bytes));
}

uint64_t ZipWriter::finish() {
  if (in_entry_) fail(Status::kInternal, "zip writer: finish inside an entry");
  cd_start_ = pos_;
  put(directory_bytes(written_, 0, cd_start_, force_zip64_));
  flush();
  return pos_;
}

uint64_t ZipWriter::copy_to(int fd, const std::string& path, uint64_t base) const {
  if (cd_start_ == 0) fail(Status::kInternal, "zip writer: copy_to before finish");
  uint64_t length = cd_start_ - base_offset_;
  copy_range(fd_, path_, base_offset_, fd, path, base, length);
  std::string dir = directory_bytes(written_, base - base_offset_, base + length, force_zip64_);
  pwrite_all(fd, dir.data(), dir.size(), base + length, path);
  return base + length + dir.size();
}

}  // namespace pexrc
