// resolve: the wheels a resolution chooses from, indexed by project, with
// their METADATA; a PEX's are read from its archive only when a resolution
// needs them (cold runs only).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/pex_info.h"
#include "common/wheel_metadata.h"
#include "common/wheel_name.h"
#include "common/zip_reader.h"
#include "runtime/extract/decode_entry.h"

namespace pexrc {

struct ShippedWheel {
  std::string file_name;  ///< key of PEX-INFO distributions, e.g. six-1.16.0-py2.py3-none-any.whl
  WheelName name;
  const zip::Entry* metadata_entry = nullptr;
  std::optional<WheelMetadata> metadata;  ///< loaded on first use
};

class WheelCatalog {
 public:
  virtual ~WheelCatalog() = default;
  /// The wheels of one project (normalised name); empty if none.
  virtual std::vector<ShippedWheel*> wheels_of(const std::string& project_key) = 0;
  /// METADATA of a wheel, parsed on first request.
  virtual const WheelMetadata& metadata(ShippedWheel& wheel) = 0;
};

class ArchiveWheelCatalog final : public WheelCatalog {
 public:
  /// Indexes PEX-INFO's distributions; reads the central directory once.
  /// Throws Error(kBadArchive) for wheel names or layouts it cannot use.
  ArchiveWheelCatalog(const ZipReader& zip, const PexInfo& info, const std::string& pex_path);

  const std::vector<zip::Entry>& entries() const { return entries_; }
  std::vector<ShippedWheel*> wheels_of(const std::string& project_key) override;
  const WheelMetadata& metadata(ShippedWheel& wheel) override;

 private:
  const ZipReader& zip_;
  std::string pex_path_;
  std::vector<zip::Entry> entries_;
  std::vector<std::unique_ptr<ShippedWheel>> wheels_;
  std::map<std::string, std::vector<ShippedWheel*>> by_project_;
  std::unique_ptr<EntryScratch> scratch_;
};

}  // namespace pexrc
