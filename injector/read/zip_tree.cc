#include "injector/read/zip_tree.h"

#include <sys/stat.h>

#include <algorithm>

#include "common/error.h"
#include "common/file_io.h"
#include "common/zip_reader.h"
#include "injector/read/raw_inflater.h"

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
    size_t n =
        entry_.method == zip::kMethodStored ? read_stored(buf, size) : inflate_some(buf, size);
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
    fail(Status::kBadArchive,
         zip_->reader.path() + ": entry '" + entry_.name + "' is corrupt (" + why + ")");
  }

  void start() {
    started_ = true;
    offset_ = zip_->reader.data_offset(entry_);
    left_ = entry_.compressed_size;
    if (entry_.method == zip::kMethodDeflated) {
      z_ = std::make_unique<RawInflater>();
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
    size_t total = 0;
    while (total < size && !z_->finished()) {
      if (z_->input_left() == 0 && left_ > 0)
        z_->give(reinterpret_cast<uint8_t*>(in_.data()), pread_some(in_.data(), in_.size()));
      // Without new input the inflater may still flush what it holds; a
      // call that moves nothing means the stream is cut short.
      size_t in_before = z_->input_left(), written = 0;
      if (!z_->inflate(out + total, size - total, written)) corrupt("bad deflate data");
      total += written;
      if (written == 0 && z_->input_left() == in_before && !z_->finished())
        corrupt("deflate data ends early");
    }
    return total;
  }

  static constexpr uint64_t kInBuffer = 256 << 10;

  std::shared_ptr<const OpenZip> zip_;
  zip::Entry entry_;
  bool started_ = false;
  uint64_t offset_ = 0;  ///< absolute position of the next compressed byte
  uint64_t left_ = 0;    ///< compressed bytes not yet read
  uint64_t produced_ = 0;
  uint32_t crc_ = 0;
  std::unique_ptr<RawInflater> z_;
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
