// The header block of core metadata (a wheel's METADATA, PEP 566 "Metadata"), read the way
// Python's email parser reads it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pexrc {

/// One header of the block, unfolded.
struct MetadataHeader {
  std::string name;     ///< as written
  std::string value;    ///< continuation lines joined to it, then trimmed
  bool folded = false;  ///< whether continuation lines followed the first
};

/// The headers of `text` in order: up to the first empty line, lines starting with a space or
/// tab continuing the previous header (RFC 5322 section 2.2.3 "unfolding", which keeps the
/// whitespace after the line break), LF or CRLF line ends. Like Python's email parser, the
/// headers also end at the first line that is neither a header nor a continuation.
std::vector<MetadataHeader> read_metadata_headers(std::string_view text);

}  // namespace pexrc
