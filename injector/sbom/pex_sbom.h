// A PEX's SBOM input (sbom_input.h) from its entries: PEX-INFO, the content
// hashes PEXRC-INFO records, each wheel's METADATA and the PEP 770 SBOMs its
// .dist-info/sboms/ holds. Shared by injection (the entry every .pexrc
// carries) and `pexrc-inject sbom`.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/launch_info.h"
#include "common/pex_info.h"
#include "injector/sbom/sbom_input.h"

namespace pexrc {

class SbomSources {
 public:
  /// Whether an entry is one the SBOM reads: `.deps/<wheel>/<x>.dist-info/METADATA`
  /// or a file under `.deps/<wheel>/<x>.dist-info/sboms/`.
  static bool wanted(std::string_view entry_name);
  void add(std::string_view entry_name, const std::string& data);

  /// Components are PEX-INFO's distributions (name and version from METADATA,
  /// else from the wheel's file name); an edge for every Requires-Dist (and,
  /// from the app, every PEX-INFO requirement) whose project the PEX ships,
  /// to each wheel of that project: the PEX's resolve already chose what
  /// ships, and a multi-platform PEX has one wheel per platform. `origin`
  /// names the file in errors.
  SbomInput input(const PexInfo& info, const LaunchInfo& hashes, const std::string& origin) const;

 private:
  std::map<std::string, std::string, std::less<>> metadata_;  ///< by wheel file name
  std::map<std::string, std::vector<SbomReference>, std::less<>> sboms_;
};

/// SOURCE_DATE_EPOCH, if set; Error(kUsage) if it is not a number of seconds.
std::optional<int64_t> source_date_epoch_from_env();

/// The app's name in its SBOM, from what the PEX is rather than what its
/// file is called (a .pexrc is byte-reproducible whatever the input's name):
/// PEX-INFO's script, else its entry point's top-level module, else its
/// requirements' project names joined by "+", else "app".
std::string app_name_of(const PexInfo& info);

}  // namespace pexrc
