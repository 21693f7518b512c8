#include "injector/sbom/purl.h"

#include "common/project_name.h"

namespace pexrc {

std::string percent_encode(std::string_view text, std::string_view also_allowed) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '.' || c == '-' || c == '_' || c == '~' ||
                   also_allowed.find(c) != std::string_view::npos;
    if (allowed) {
      out += c;
      continue;
    }
    auto byte = static_cast<unsigned char>(c);
    out += '%';
    out += kHex[byte >> 4];
    out += kHex[byte & 15];
  }
  return out;
}

std::string path_reference(std::string_view path) { return percent_encode(path, "/!$&'()*+,;=@"); }

std::string pypi_purl(std::string_view name, std::string_view version,
                      std::string_view wheel_file) {
  // ':' is never percent-encoded in a purl (purl spec, "Character encoding").
  std::string purl = "pkg:pypi/";
  purl += percent_encode(normalize_project_name(name), ":");
  if (!version.empty()) {
    purl += '@';
    purl += percent_encode(version, ":");
  }
  if (!wheel_file.empty()) {
    purl += "?file_name=";
    purl += percent_encode(wheel_file, ":");
  }
  return purl;
}

}  // namespace pexrc
