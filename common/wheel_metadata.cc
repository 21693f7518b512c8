#include "common/wheel_metadata.h"

#include <algorithm>
#include <utility>

#include "common/error.h"
#include "common/project_name.h"
#include "common/text.h"

namespace pexrc {
namespace {

// RFC 5322 section 3.6.8: a field name is printable ASCII other than ':'.
bool is_field_name(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 127 && c != ':'; });
}

struct Header {
  std::string name;
  std::string value;
};

// Splits the header block into unfolded headers.
std::vector<Header> read_headers(std::string_view text) {
  std::vector<Header> headers;
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
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || !is_field_name(line.substr(0, colon))) break;
    headers.push_back({std::string(line.substr(0, colon)), std::string(line.substr(colon + 1))});
  }
  for (Header& h : headers) h.value = std::string(trim(h.value));
  return headers;
}

}  // namespace

WheelMetadata parse_wheel_metadata(std::string_view text, const std::string& origin) {
  WheelMetadata metadata;
  bool has_name = false;
  bool has_version = false;
  for (Header& h : read_headers(text)) {
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
