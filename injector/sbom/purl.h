// Package URLs (github.com/package-url/purl-spec) of wheels, and the percent-encoding the
// SBOMs' other URIs share.
#pragma once

#include <string>
#include <string_view>

namespace pexrc {

/// `text` with every byte other than ASCII letters, digits, ".-_~" and the characters of
/// `also_allowed` written "%XX" (RFC 3986 section 2.1, upper-case hex).
std::string percent_encode(std::string_view text, std::string_view also_allowed = "");

/// `path` (relative, "/"-separated) as a relative URI reference: percent-encoded but for
/// "/" and RFC 3986 sub-delimiters and "@"; ":" is encoded too, lest a first segment read
/// as a scheme.
std::string path_reference(std::string_view path);

/// The purl of a wheel: "pkg:pypi/<name>@<version>?file_name=<wheel_file>". The name is
/// normalised as the pypi type requires (PEP 503: lower case, runs of "-_." as one "-");
/// version and file name are percent-encoded (a local version's "+" as "%2B"). Without a
/// version or a file name, that part is left out.
std::string pypi_purl(std::string_view name, std::string_view version, std::string_view wheel_file);

}  // namespace pexrc
