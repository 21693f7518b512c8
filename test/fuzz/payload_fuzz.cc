// Fuzz target: open_other_payload, the launcher's reading of another .pexrc
// named on PEX_PATH: its zip's leading records, PEX-INFO and PEXRC-INFO.
#include <cstddef>
#include <cstdint>

#include "common/error.h"
#include "runtime/locate/payload.h"
#include "test/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A real path: the payload is opened by name, after realpath.
  const std::string& path = pexrc::fuzz::temp_file_holding(data, size);
  try {
    pexrc::Payload payload = pexrc::open_other_payload(path);
  } catch (const pexrc::Error&) {
  }
  return 0;
}
