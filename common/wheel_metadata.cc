#include "common/wheel_metadata.h"

#include <algorithm>
#include <utility>

#include "common/error.h"
#include "common/metadata_headers.h"
#include "common/project_name.h"
#include "common/text.h"

namespace pexrc {

WheelMetadata parse_wheel_metadata(std::string_view text, const std::string& origin) {
  WheelMetadata metadata;
  bool has_name = false;
  bool has_version = false;
  for (MetadataHeader& h : read_metadata_headers(text)) {
    if (equals_ignoring_case(h.name, "Name")) {
      if (!has_name) metadata.name = std::move(h.value);
      has_name = true;
    } else if (equals_ignoring_case(h.name, "Version")) {
      if (!has_version) metadata.version = std::move(h.value);
      has_version = true;
    } else if (equals_ignoring_case(h.name, "Requires-Python")) {
      if (h.value.empty()) continue;
      // Old wheels carry values PEP 440 forbids (">=3.6.*"); like pip, treat
      // an unreadable Requires-Python as absent rather than refuse the wheel.
      metadata.requires_python = SpecifierSet::parse(h.value);
    } else if (equals_ignoring_case(h.name, "Requires-Dist")) {
      try {
        metadata.requires_dist.push_back(parse_requirement(h.value));
      } catch (const Error& e) {
        fail(Status::kBadArchive, origin + ": Requires-Dist: " + e.what());
      }
    } else if (equals_ignoring_case(h.name, "Provides-Extra")) {
      std::string extra = normalize_project_name(h.value);
      if (!extra.empty() &&
          std::find(metadata.provides_extra.begin(), metadata.provides_extra.end(), extra) ==
              metadata.provides_extra.end()) {
        metadata.provides_extra.push_back(std::move(extra));
      }
    }
  }
  if (!has_name || metadata.name.empty()) fail(Status::kBadArchive, origin + ": no Name header");
  if (!has_version || metadata.version.empty()) {
    fail(Status::kBadArchive, origin + ": no Version header");
  }
  return metadata;
}

}  // namespace pexrc
