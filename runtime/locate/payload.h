// locate: find the zip payload appended to this very executable and read its
// PEX-INFO, touching only three small regions of the file.
#pragma once

#include <memory>
#include <string>

#include "common/file_io.h"
#include "common/launch_info.h"
#include "common/pex_info.h"
#include "common/zip_reader.h"

namespace pexrc {

struct Payload {
  std::string path;  ///< the .pexrc, symlinks resolved, as the app sees it in $PEX
  UniqueFd fd;
  std::unique_ptr<ZipReader> zip;
  std::string pex_info_text;     ///< verbatim, also the basis of cache keys
  std::string launch_info_text;  ///< PEXRC-INFO verbatim: its content hashes key venvs too
  PexInfo info;
  LaunchInfo launch;
};

/// Opens the running executable (the .pexrc itself), or the file
/// `payload_override` (PEXRC_PAYLOAD) names when not "", and reads its
/// PEX-INFO and PEXRC-INFO. Throws Error(kBadArchive / kNotAPex / kBadPexInfo).
Payload open_payload(const std::string& payload_override);

/// Opens another .pexrc (a PEX_PATH entry) the same way.
Payload open_other_payload(const std::string& path);

/// The SBOM pexrc-inject stored (kSbomEntryName), checked against the hash
/// PEXRC-INFO records: Error(kTampered) if it differs, Error(kNotAPex) if the
/// file was made before SBOMs or lacks the entry.
std::string read_sbom(const Payload& app);

}  // namespace pexrc
