#include "injector/read/zip_tree.h"

#include <sys/stat.h>
#include <isa-l/igzip_lib.h>

#include <algorithm>

#include "common/error.h"
#include "common/file_io.h"
#include "common/zip_reader.h"
#include "injector/read/fast_crc32.h"

namespace pexrc {

struct OpenZip {
  OpenZip(const std::string& path, const std::string& label)
      : fd(open_for_reading(path)), reader(fd.get(), label) {}
  UniqueFd fd;
  ZipReader reader;
};

namespace {

// The file type a zip records for an entry, completed the way unzip does
// when the creator stored no Unix mode (or only permission bits).
uint32_t entry_mode(const zip::Entry& e) {
  uint32_t mode = e.unix_mode();
  uint32_t perms = mode & 07777;
  if (e.is_directory()) return S_IFDIR | (perms ? perms : 0755);
  if ((mode & S_IFMT) == 0) return S_IFREG | (perms ? perms : 0644);
  return mode;
}

// Reads one entry, stored or deflated, and checks what it yields against the
// sizes and CRC the central directory records for it.
class ZipEntrySource : public EntrySource {
 public:
  ZipEntrySource(std::shared_ptr<const OpenZip> zip, zip::Entry entry)
      : zip_(std::move(zip)), entry_(std::move(entry)) {}
  ZipEntrySource(const ZipEntrySource&) = delete;
  ZipEntrySource& operator=(const ZipEntrySource&) = delete;

  size_t read(void* buf, size_t size) override {
    if (size == 0) return 0;
    if (!started_) start();
    size_t n = entry_.method == zip::kMethodStored ? read_stored(buf, size) : inflate_some(buf, size);
    produced_ += n;
    crc_ = fast_crc32(crc_, buf, n);
    if (produced_ > entry_.uncompressed_size) corrupt("longer than its recorded size");
    if (n == 0) {
      if (produced_ != entry_.uncompressed_size) corrupt("shorter than its recorded size");
      if (crc_ != entry_.crc32) corrupt("CRC mismatch");
    }
    return n;
  }
  uint32_t crc32() const override { return crc_; }

 private:
  [[noreturn]] void corrupt(const std::string& why) const {
    fail(Status::kBadArchive, zip_->reader.path() + ": entry '" + entry_.name + "' is corrupt (" +
                                  why + ")");
  }

  void start() {
    started_ = true;
    offset_ = zip_->reader.data_offset(entry_);
    left_ = entry_.compressed_size;
    if (entry_.method == zip::kMethodDeflated) {
      z_ = std::make_unique<inflate_state>();
      isal_inflate_init(z_.get());  // raw deflate, no checksum: crc_ covers the output
      in_.resize(size_t(std::min<uint64_t>(kInBuffer, std::max<uint64_t>(left_, 1))));
    }
  }

  size_t pread_some(void* buf, size_t size) {
    size_t n = size_t(std::min<uint64_t>(size, left_));
    if (n > 0 && !pread_exact(zip_->fd.get(), buf, n, offset_))
      fail_errno(zip_->reader.path() + ": cannot read entry '" + entry_.name + "'");
    offset_ += n;
    left_ -= n;
    return n;
  }

  size_t read_stored(void* buf, size_t size) { return pread_some(buf, size); }

  // Fills `buf` as far as the stream goes: big reads mean few calls.
  size_t inflate_some(void* buf, size_t size) {
    auto* out = static_cast<uint8_t*>(buf);
    z_->next_out = out;
    z_->avail_out = uint32_t(std::min<size_t>(size, 1u << 30));
    while (z_->avail_out > 0 && z_->block_state != ISAL_BLOCK_FINISH) {
      if (z_->avail_in == 0 && left_ > 0) {
        z_->next_in = reinterpret_cast<uint8_t*>(in_.data());
        z_->avail_in = uint32_t(pread_some(in_.data(), in_.size()));
      }
      // Without new input the inflater may still flush what it holds; a
      // call that moves nothing means the stream is cut short.
      const uint8_t* out_before = z_->next_out;
      uint32_t in_before = z_->avail_in;
      if (isal_inflate(z_.get()) != ISAL_DECOMP_OK) corrupt("bad deflate data");
      if (z_->next_out == out_before && z_->avail_in == in_before &&
          z_->block_state != ISAL_BLOCK_FINISH)
        corrupt("deflate data ends early");
    }
    return size_t(z_->next_out - out);
  }

  static constexpr uint64_t kInBuffer = 256 << 10;

  std::shared_ptr<const OpenZip> zip_;
  zip::Entry entry_;
  bool started_ = false;
  uint64_t offset_ = 0;  ///< absolute position of the next compressed byte
  uint64_t left_ = 0;    ///< compressed bytes not yet read
  uint64_t produced_ = 0;
  uint32_t crc_ = 0;
  std::unique_ptr<inflate_state> z_;  ///< ISA-L's inflater: 2-3x zlib's speed
  std::string in_;
};

}  // namespace

ZipTree::ZipTree(const std::string& path, std::string label)
    : zip_(std::make_shared<const OpenZip>(path, label)), entries_(zip_->reader.read_all()) {}

ZipTree::~ZipTree() = default;

bool ZipTree::advance(InputEntry& out) {
  if (next_ == entries_.size()) return false;
  const zip::Entry& e = entries_[next_++];
  if (e.method != zip::kMethodStored && e.method != zip::kMethodDeflated)
    fail(Status::kUnsupported, zip_->reader.path() + ": entry '" + e.name +
                                   "' uses compression method " + std::to_string(e.method) +
                                   " (only stored and deflate are read)");
  out.name = e.name;
  out.mode = entry_mode(e);
  out.size = S_ISDIR(out.mode) ? 0 : e.uncompressed_size;
  if (S_ISDIR(out.mode) && !e.is_directory()) out.name += '/';
  return true;
}

std::unique_ptr<EntrySource> ZipTree::open() {
  const zip::Entry& e = entries_.at(next_ - 1);
  return std::make_unique<ZipEntrySource>(zip_, e);
}

}  // namespace pexrc
