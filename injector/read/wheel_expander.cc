#include "injector/read/wheel_expander.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/filesystem/operations.hpp>
#include <boost/system/error_code.hpp>

#include "common/error.h"
#include "common/file_io.h"
#include "common/text.h"
#include "injector/read/dir_tree.h"
#include "injector/read/wheel_chroot.h"
#include "injector/read/zip_tree.h"

namespace pexrc {
namespace {

namespace fs = boost::filesystem;

// ".deps/<something>.whl": a wheel shipped as one file.
bool is_wheel_file(const InputEntry& e) {
  std::string_view name = e.name;
  if (!S_ISREG(e.mode) || !consume_prefix(name, ".deps/")) return false;
  std::string_view stem = name;
  return name.find('/') == std::string_view::npos && consume_suffix(stem, ".whl") && !stem.empty();
}

}  // namespace

WheelStaging::~WheelStaging() {
  if (dir_.empty()) return;
  boost::system::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string WheelStaging::new_path() {
  if (dir_.empty()) {
    boost::system::error_code ec;
    fs::path tmp = fs::temp_directory_path(ec);
    if (ec) tmp = "/tmp";
    std::string dir = (tmp / "pexrc-inject-XXXXXX").string();
    if (!::mkdtemp(dir.data())) fail_errno("cannot create a scratch directory in " + tmp.string());
    dir_ = dir;
  }
  return dir_ + "/" + std::to_string(counter_++);
}

std::string WheelStaging::local_copy(const std::string& name, InputTree& tree,
                                     const std::string& label) {
  std::string own = tree.local_path();
  if (!own.empty()) return own;
  auto known = copies_.find(name);
  if (known != copies_.end()) return known->second;
  std::string path = new_path();
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) fail_errno("cannot create " + path);
  UniqueFd out(fd);
  char buf[1 << 16];
  for (size_t n; (n = tree.read(buf, sizeof buf)) > 0;)
    write_all(out.get(), std::string_view(buf, n), path);
  if (::close(out.release()) != 0) fail_errno("cannot write " + path + " (copy of " + label + ")");
  return copies_[name] = path;
}

std::string WheelStaging::chroot(const std::string& name, InputTree& tree,
                                 const std::string& label) {
  auto known = chroots_.find(name);
  if (known != chroots_.end()) return known->second;
  std::string wheel = local_copy(name, tree, label);
  std::string dest = new_path();
  if (::mkdir(dest.c_str(), 0755) != 0) fail_errno("cannot create " + dest);
  install_wheel_chroot(wheel, name.substr(name.rfind('/') + 1), dest, label);
  // A copy of a wheel from inside a zipapp is not needed once converted.
  auto copy = copies_.find(name);
  if (copy != copies_.end()) {
    ::unlink(copy->second.c_str());
    copies_.erase(copy);
  }
  return chroots_[name] = dest;
}

WheelExpander::WheelExpander(std::unique_ptr<InputTree> base, std::string label,
                             bool deps_are_wheel_files, WheelStaging& staging)
    : base_(std::move(base)),
      label_(std::move(label)),
      deps_are_wheel_files_(deps_are_wheel_files),
      staging_(staging) {}

bool WheelExpander::advance(InputEntry& out) {
  if (inner_) {
    if (inner_->next(out)) {
      out.name = prefix_ + out.name;
      return true;
    }
    inner_.reset();
  }
  if (!base_->next(out)) return false;
  if (!is_wheel_file(out)) return true;
  std::string label = label_ + "/" + out.name;
  if (deps_are_wheel_files_) {
    inner_ = std::make_unique<DirTree>(staging_.chroot(out.name, *base_, label), label, false);
  } else {
    inner_ = std::make_unique<ZipTree>(staging_.local_copy(out.name, *base_, label), label);
  }
  prefix_ = out.name + "/";
  out = InputEntry{prefix_, S_IFDIR | 0755, 0};
  return true;
}

std::unique_ptr<EntrySource> WheelExpander::open() {
  return inner_ ? inner_->open() : base_->open();
}

std::string WheelExpander::local_path() const {
  return inner_ ? inner_->local_path() : base_->local_path();
}

}  // namespace pexrc
