#include "injector/read/pex_input.h"

#include <sys/stat.h>

#include <boost/filesystem/operations.hpp>
#include <boost/system/error_code.hpp>

#include "common/error.h"
#include "common/file_io.h"
#include "common/pex_info.h"
#include "injector/read/dir_tree.h"
#include "injector/read/zip_tree.h"

namespace pexrc {
namespace {

namespace fs = boost::filesystem;

constexpr size_t kHeadBytes = 64 << 10;

// PEX-INFO decides what a .deps/*.whl file is, and it comes after .deps/ in
// a zip, so it is looked up before the real walk. A missing or invalid
// PEX-INFO is reported by the caller's validation, not here.
std::string peek_pex_info(const std::string& path, bool is_directory) {
  std::string text;
  if (is_directory) {
    struct stat st;
    std::string file = path + "/PEX-INFO";
    if (::lstat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode)) read_small_file(file, text);
    return text;
  }
  ZipTree zip(path);
  InputEntry e;
  while (zip.next(e))
    if (e.name == "PEX-INFO") return zip.read_all();
  return text;
}

}  // namespace

PexInput::PexInput(const std::string& path) : path_(path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) fail(Status::kNotAPex, path + ": no such file");
  is_directory_ = S_ISDIR(st.st_mode);
  std::string pex_info = peek_pex_info(path, is_directory_);
  try {
    deps_are_wheel_files_ = parse_pex_info(pex_info, path).deps_are_wheel_files;
  } catch (const Error&) {
    deps_are_wheel_files_ = false;
  }
}

std::unique_ptr<InputTree> PexInput::walk() {
  std::unique_ptr<InputTree> base;
  if (is_directory_)
    base = std::make_unique<DirTree>(path_, path_, true);
  else
    base = std::make_unique<ZipTree>(path_);
  return std::make_unique<WheelExpander>(std::move(base), path_, deps_are_wheel_files_, staging_);
}

std::string PexInput::head() const {
  std::string file = is_directory_ ? path_ + "/__main__.py" : path_;
  struct stat st;
  if (::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return "";
  UniqueFd fd = open_for_reading(file);
  std::string buf(kHeadBytes, '\0');
  size_t filled = 0;
  while (filled < buf.size()) {
    ssize_t n = ::pread(fd.get(), buf.data() + filled, buf.size() - filled, off_t(filled));
    if (n <= 0) break;
    filled += size_t(n);
  }
  buf.resize(filled);
  return buf;
}

uint64_t PexInput::bytes() const {
  boost::system::error_code ec;
  if (!is_directory_) {
    uint64_t size = fs::file_size(path_, ec);
    return ec ? 0 : size;
  }
  uint64_t total = 0;
  for (fs::recursive_directory_iterator it(path_, ec), end; !ec && it != end; it.increment(ec)) {
    boost::system::error_code file_ec;
    fs::file_status st = it->symlink_status(file_ec);
    if (file_ec || !fs::is_regular_file(st)) continue;
    uint64_t size = fs::file_size(it->path(), file_ec);
    if (!file_ec) total += size;
  }
  return total;
}

}  // namespace pexrc
