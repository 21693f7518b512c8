#include "injector/read/dir_tree.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/filesystem/operations.hpp>
#include <boost/system/error_code.hpp>
#include <cerrno>

#include "common/error.h"
#include "common/file_io.h"
#include "injector/read/raw_inflater.h"

namespace pexrc {

namespace fs = boost::filesystem;

namespace {

// Opened on the first read and closed at the end, so a walk over thousands
// of files holds only the descriptors of the files being read.
class FileSource : public EntrySource {
 public:
  FileSource(std::string path, std::string what) : path_(std::move(path)), what_(std::move(what)) {}

  size_t read(void* buf, size_t size) override {
    if (path_.empty() || done_) return 0;
    if (!fd_.valid()) {
      int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
      if (fd < 0) fail_errno(what_ + ": cannot open");
      fd_ = UniqueFd(fd);
    }
    for (;;) {
      ssize_t n = ::read(fd_.get(), buf, size);
      if (n > 0) {
        crc_ = fast_crc32(crc_, buf, size_t(n));
        return size_t(n);
      }
      if (n == 0 && size > 0) {
        done_ = true;
        fd_ = UniqueFd();
        return 0;
      }
      if (n == 0) return 0;
      if (errno != EINTR) fail_errno(what_ + ": cannot read");
    }
  }
  uint32_t crc32() const override { return crc_; }

 private:
  std::string path_;  ///< "" for a directory: no data
  std::string what_;
  UniqueFd fd_;
  uint32_t crc_ = 0;
  bool done_ = false;
};

}  // namespace

DirTree::DirTree(const std::string& root, std::string label, bool drop_pex_link)
    : root_(root), label_(std::move(label)), drop_pex_link_(drop_pex_link) {
  push_level("");
}

void DirTree::push_level(const std::string& rel) {
  Level level;
  level.rel = rel;
  boost::system::error_code ec;
  for (fs::directory_iterator it(root_ / rel, ec), end; !ec && it != end; it.increment(ec))
    level.names.push_back(it->path().filename().string());
  if (ec)
    fail(Status::kIo,
         label_ + ": cannot list '" + (rel.empty() ? "." : rel) + "': " + ec.message());
  std::sort(level.names.begin(), level.names.end());
  stack_.push_back(std::move(level));
}

void DirTree::refuse_symlink(const Level& level, const std::string& name) {
  boost::system::error_code ec;
  fs::path target = fs::read_symlink(root_ / level.rel / name, ec);
  // Where the link leads, judged lexically from the directory holding it.
  fs::path resolved = (fs::path(level.rel) / target).lexically_normal();
  bool outside = target.is_absolute() || (!resolved.empty() && *resolved.begin() == "..");
  fail(Status::kUnsupported,
       label_ + ": '" + level.rel + name + "' is a symlink to '" + target.string() + "'" +
           (outside ? ", outside the PEX" : "") +
           "; symlinks cannot be converted faithfully (only the top-level 'pex' link to "
           "__main__.py is dropped)");
}

bool DirTree::advance(InputEntry& out) {
  current_.clear();
  while (!stack_.empty()) {
    Level& level = stack_.back();
    if (level.next == level.names.size()) {
      stack_.pop_back();
      continue;
    }
    const std::string name = level.names[level.next++];
    const std::string rel = level.rel + name;
    fs::path path = root_ / rel;
    boost::system::error_code ec;
    fs::file_status st = fs::symlink_status(path, ec);
    if (ec) fail(Status::kIo, label_ + ": cannot stat '" + rel + "': " + ec.message());
    uint32_t perms = uint32_t(st.permissions()) & 0777;
    if (fs::is_symlink(st)) {
      if (drop_pex_link_ && stack_.size() == 1 && name == "pex" &&
          fs::read_symlink(path, ec) == "__main__.py" && !ec)
        continue;
      refuse_symlink(level, name);
    }
    if (fs::is_directory(st)) {
      out = InputEntry{rel + "/", S_IFDIR | perms, 0};
      push_level(rel + "/");  // invalidates `level`
      return true;
    }
    if (!fs::is_regular_file(st))
      fail(Status::kUnsupported,
           label_ + ": '" + rel + "' is neither a file nor a directory; it cannot be converted");
    uint64_t size = fs::file_size(path, ec);
    if (ec) fail(Status::kIo, label_ + ": cannot stat '" + rel + "': " + ec.message());
    out = InputEntry{rel, S_IFREG | perms, size};
    current_ = rel;
    return true;
  }
  return false;
}

std::unique_ptr<EntrySource> DirTree::open() {
  return std::make_unique<FileSource>(local_path(), label_ + ": '" + current_ + "'");
}

std::string DirTree::local_path() const {
  return current_.empty() ? std::string() : (root_ / current_).string();
}

}  // namespace pexrc
