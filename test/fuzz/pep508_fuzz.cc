// Fuzz target: PEP 508 requirements and markers. The input is parsed as a
// requirement and as a bare marker; whatever parses is evaluated, and its
// canonical spelling (Marker::str, SpecifierSet::str) must parse back to
// the same thing.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/pep508.h"
#include "test/fuzz/check.h"
#include "test/fuzz/marker_env.h"

namespace {

using pexrc::fuzz::check;

void check_marker(const pexrc::Marker& m, const pexrc::MarkerEnvironment& env) {
  bool value = m.evaluate(env);
  std::string canonical = m.str();
  pexrc::Marker again = pexrc::Marker::parse(canonical);  // throws (uncaught) if it does not parse
  check(again.str() == canonical, "Marker::str is a fixed point");
  check(again.evaluate(env) == value, "a marker's canonical spelling evaluates the same");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const pexrc::MarkerEnvironment env = pexrc::fuzz::linux_cpython_env();

  std::optional<pexrc::Requirement> req;
  try {
    req = pexrc::parse_requirement(text);
  } catch (const pexrc::Error&) {
  }
  if (req) {
    std::string specifiers = req->specifiers.str();
    std::optional<pexrc::SpecifierSet> again = pexrc::SpecifierSet::parse(specifiers);
    check(again && again->str() == specifiers, "a requirement's specifiers parse back");
    if (req->marker) check_marker(*req->marker, env);
  }

  std::optional<pexrc::Marker> marker;
  try {
    marker = pexrc::Marker::parse(text);
  } catch (const pexrc::Error&) {
  }
  if (marker) check_marker(*marker, env);
  return 0;
}
