// The METADATA file of an installed or unpacked wheel (core metadata, PEP 566 "Metadata";
// PEP 345 "Requires-Dist" and "Requires-Python"; PEP 685 "Provides-Extra").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/pep440.h"
#include "common/pep508.h"

namespace pexrc {

/// The fields of METADATA that deciding what to install needs.
struct WheelMetadata {
  std::string name;     ///< "Name", as written
  std::string version;  ///< "Version", as written
  /// "Requires-Python"; nullopt when the header is absent or empty.
  std::optional<SpecifierSet> requires_python;
  std::vector<Requirement> requires_dist;  ///< every "Requires-Dist", in file order
  /// Every "Provides-Extra" once, normalised (PEP 685) so that it compares with
  /// Requirement::extras and the "extra" marker variable.
  std::vector<std::string> provides_extra;
};

/// Parses METADATA text, an RFC 822 style header block (PEP 566 "Metadata"): headers up to
/// the first blank line, names matched without regard to case, lines starting with a space
/// or tab continuing the previous header (RFC 5322 section 2.2.3 "unfolding"), LF or CRLF
/// line ends. The body after the blank line is ignored, as is anything from the first line
/// that is neither a header nor a continuation, the way Python's email parser ends the
/// headers there. Throws Error(Status::kBadArchive, "<origin>: ...") when Name or Version is
/// missing or when Requires-Python or a Requires-Dist is malformed.
WheelMetadata parse_wheel_metadata(std::string_view text, const std::string& origin);

}  // namespace pexrc
