// Fuzz target: the #! line and --sh-boot script readers of launch_info.h,
// which pexrc-inject runs on the first bytes of any input PEX.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/launch_info.h"
#include "test/fuzz/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<pexrc::ShebangPython> python = pexrc::python_in_shebang(text);
  pexrc::fuzz::check(pexrc::python_hint_from_shebang(text) == (python ? python->program : ""),
                     "python_hint_from_shebang is python_in_shebang's program");
  pexrc::python_hint_from_sh_boot(text);
  return 0;
}
