// What the CycloneDX and SPDX writers share: the checks and order of an SbomInput, the
// document time and serial number, the JSON text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "injector/sbom/sbom_input.h"

namespace pexrc {

/// The app's bom-ref; no component may use it.
inline constexpr std::string_view kAppRef = "app";

/// The components of `input` in the documents' order: by normalised name, version, wheel
/// file, then ref. Throws Error(kInternal) when the input is inconsistent: no app name, a
/// component without name or ref, a ref used twice or equal to kAppRef, a depends_on naming
/// no component, a hash that is not 64 lower-case hex digits.
std::vector<const SbomComponent*> checked_components(const SbomInput& input);

/// `items` sorted, each once.
std::vector<std::string> sorted_unique(std::vector<std::string> items);

/// `sboms` sorted by path, then hash.
std::vector<SbomReference> sorted_sboms(std::vector<SbomReference> sboms);

/// SOURCE_DATE_EPOCH `epoch` in ISO 8601 UTC, "2025-01-31T12:00:00Z". Throws Error(kUsage)
/// for a time before 1970 or after 9999.
std::string sbom_timestamp(int64_t epoch);

/// The UUID of `content`: its SHA-256 as an RFC 9562 version 8 UUID (the name-based example
/// of its appendix B.2), "xxxxxxxx-xxxx-8xxx-[89ab]xxx-xxxxxxxxxxxx" in lower case.
std::string uuid_of(std::string_view content);

/// `document` as the SBOMs' text: 2-space indent, a final newline, invalid UTF-8 replaced.
std::string json_text(const nlohmann::ordered_json& document);

}  // namespace pexrc
