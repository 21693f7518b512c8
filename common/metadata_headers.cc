#include "common/metadata_headers.h"

#include <algorithm>

#include "common/text.h"

namespace pexrc {
namespace {

// RFC 5322 section 3.6.8: a field name is printable ASCII other than ':'.
bool is_field_name(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 127 && c != ':'; });
}

}  // namespace

std::vector<MetadataHeader> read_metadata_headers(std::string_view text) {
  std::vector<MetadataHeader> headers;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    // Only an empty line ends the headers: one of spaces is a continuation (as
    // Python's email parser reads it), which long License fields are full of.
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') {
      // Unfolding removes the line break and keeps the whitespace that follows it.
      if (headers.empty()) break;
      headers.back().value += line;
      headers.back().folded = true;
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || !is_field_name(line.substr(0, colon))) break;
    headers.push_back(
        {std::string(line.substr(0, colon)), std::string(line.substr(colon + 1)), false});
  }
  for (MetadataHeader& h : headers) h.value = std::string(trim(h.value));
  return headers;
}

}  // namespace pexrc
