#include "runtime/locate/payload.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>

#include "common/error.h"
#include "common/sha256.h"

namespace pexrc {
namespace {

std::string self_path() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) fail_errno("cannot find the launcher's own file (/proc/self/exe)");
  return std::string(buf, size_t(n));
}

// pexrc-inject always writes PEX-INFO and PEXRC-INFO first; anything else
// was not made by it.
void read_metadata(Payload& p) {
  p.zip = std::make_unique<ZipReader>(p.fd.get(), p.path);
  std::vector<zip::Entry> leading = p.zip->read_leading(2);
  if (leading.size() < 2 || leading[0].name != "PEX-INFO" || leading[1].name != kLaunchInfoName)
    fail(Status::kNotAPex, p.path + ": not a .pexrc (its zip does not start with PEX-INFO and " +
                               kLaunchInfoName + "); make one with pexrc-inject");
  p.pex_info_text = p.zip->read_stored(leading[0]);
  p.info = parse_pex_info(p.pex_info_text, p.path);
  p.launch_info_text = p.zip->read_stored(leading[1]);
  p.launch = parse_launch_info(p.launch_info_text, p.path);
}

}  // namespace

Payload open_payload(const std::string& payload_override) {
  Payload p;
  // pex exports $PEX with symlinks resolved, which is what the kernel reports.
  // `python app.pexrc` on a file it cannot execute runs a copy of this
  // launcher and names the real file in PEXRC_PAYLOAD.
  if (!payload_override.empty()) {
    char resolved[PATH_MAX];
    if (payload_override[0] != '/' || !::realpath(payload_override.c_str(), resolved))
      fail(Status::kNotAPex,
           payload_override + ": PEXRC_PAYLOAD must name an existing file by absolute path");
    p.path = resolved;
  } else {
    p.path = self_path();
  }
  p.fd = open_for_reading(payload_override.empty() ? "/proc/self/exe" : p.path);
  read_metadata(p);
  return p;
}

Payload open_other_payload(const std::string& path) {
  Payload p;
  char resolved[PATH_MAX];
  if (!::realpath(path.c_str(), resolved)) fail(Status::kNotAPex, path + ": no such file");
  p.path = resolved;
  p.fd = open_for_reading(p.path);
  read_metadata(p);
  return p;
}

std::string read_sbom(const Payload& app) {
  if (app.launch.sbom_hash.empty())
    fail(Status::kNotAPex, app.path + ": made by a pexrc-inject without SBOMs; inject it again");
  // Written after the content: the whole directory is read (a tool, not a start).
  for (const zip::Entry& e : app.zip->read_all()) {
    if (e.name != kSbomEntryName) continue;
    std::string sbom = app.zip->read_stored(e);
    if (sha256_hex(sbom) != app.launch.sbom_hash)
      fail(Status::kTampered, app.path + ": " + kSbomEntryName +
                                  " was altered (its SHA-256 differs from PEXRC-INFO's)");
    return sbom;
  }
  fail(Status::kNotAPex,
       app.path + ": no " + kSbomEntryName + " entry, though PEXRC-INFO records one");
}

}  // namespace pexrc
