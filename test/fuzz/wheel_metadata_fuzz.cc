// Fuzz target: a wheel's METADATA as the launcher reads it to resolve
// requirements: parsed, then its Requires-Python and each Requires-Dist
// marker applied the way resolving does.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/error.h"
#include "common/pep440.h"
#include "common/wheel_metadata.h"
#include "test/fuzz/marker_env.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    pexrc::WheelMetadata m = pexrc::parse_wheel_metadata(text, "METADATA");
    if (m.requires_python) m.requires_python->contains(*pexrc::parse_version("3.11.7"));
    pexrc::MarkerEnvironment env = pexrc::fuzz::linux_cpython_env();
    for (const pexrc::Requirement& r : m.requires_dist) {
      if (!r.marker) continue;
      r.marker->evaluate(env);
      for (const std::string& extra : m.provides_extra) {
        env["extra"] = extra;
        r.marker->evaluate(env);
      }
      env.erase("extra");
    }
  } catch (const pexrc::Error&) {
  }
  return 0;
}
