// Fuzz target: PEP 440 versions and specifier sets. The input's first line is
// tried as a specifier set and the rest as a version (and each whole input as
// both); parsed values must survive their canonical spelling, and
// comparisons must be consistent.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/pep440.h"
#include "test/fuzz/check.h"

namespace {

using pexrc::fuzz::check;

int sign(int x) { return (x > 0) - (x < 0); }

std::optional<pexrc::Version> version_checked(std::string_view text) {
  std::optional<pexrc::Version> v = pexrc::parse_version(text);
  if (!v) return v;
  check(pexrc::compare(*v, *v) == 0, "a version equals itself");
  std::string canonical = v->str();
  std::optional<pexrc::Version> again = pexrc::parse_version(canonical);
  check(again.has_value(), "Version::str parses");
  check(pexrc::compare(*v, *again) == 0, "Version::str names the same version");
  check(again->str() == canonical, "Version::str is a fixed point");
  return v;
}

std::optional<pexrc::SpecifierSet> specifiers_checked(std::string_view text) {
  std::optional<pexrc::SpecifierSet> set = pexrc::SpecifierSet::parse(text);
  if (!set) return set;
  std::string canonical = set->str();
  std::optional<pexrc::SpecifierSet> again = pexrc::SpecifierSet::parse(canonical);
  check(again && again->str() == canonical, "SpecifierSet::str parses back to itself");
  return set;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t eol = text.find('\n');
  std::string_view first = text.substr(0, eol);
  std::string_view rest = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);

  version_checked(text);
  specifiers_checked(text);
  std::optional<pexrc::SpecifierSet> set = specifiers_checked(first);
  std::optional<pexrc::Version> v = version_checked(rest);
  std::optional<pexrc::Version> w = version_checked(first);
  if (set && v) {
    bool strict = set->contains(*v);
    bool lenient = set->contains(*v, /*prereleases_allowed=*/true);
    check(!strict || lenient, "allowing pre-releases only admits more");
  }
  if (v && w) {
    check(sign(pexrc::compare(*v, *w)) == -sign(pexrc::compare(*w, *v)),
          "compare is antisymmetric");
  }
  return 0;
}
