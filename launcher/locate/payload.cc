#include "launcher/locate/payload.h"

#include <unistd.h>

#include "common/error.h"

namespace pexrc {
namespace {

std::string self_path() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) fail_errno("cannot find the launcher's own file (/proc/self/exe)");
  return std::string(buf, size_t(n));
}

// pex exports the PEX's path as given (made absolute), not with symlinks
// resolved; a bare name was found on PATH, so only the kernel knows where.
std::string app_path(const char* argv0) {
  std::string given = argv0 ? argv0 : "";
  if (given.find('/') == std::string::npos) return self_path();
  if (given[0] == '/') return given;
  char cwd[4096];
  if (!::getcwd(cwd, sizeof cwd)) return self_path();
  std::string path = cwd;
  if (given.rfind("./", 0) == 0) given.erase(0, 2);
  return path + "/" + given;
}

}  // namespace

Payload open_payload(const char* argv0) {
  Payload p;
  p.path = app_path(argv0);
  p.fd = open_for_reading("/proc/self/exe");
  p.zip = std::make_unique<ZipReader>(p.fd.get(), p.path);
  // pexrc-inject always writes PEX-INFO and PEXRC-INFO first; anything else
  // was not made by it.
  std::vector<zip::Entry> leading = p.zip->read_leading(2);
  if (leading.size() < 2 || leading[0].name != "PEX-INFO" || leading[1].name != kLaunchInfoName)
    fail(Status::kNotAPex, p.path + ": not a .pexrc (its zip does not start with PEX-INFO and " +
                               kLaunchInfoName + "); make one with pexrc-inject");
  p.pex_info_text = p.zip->read_stored(leading[0]);
  p.info = parse_pex_info(p.pex_info_text, p.path);
  p.launch = parse_launch_info(p.zip->read_stored(leading[1]), p.path);
  return p;
}

}  // namespace pexrc
