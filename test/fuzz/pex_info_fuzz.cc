// Fuzz target: the JSON of a .pexrc's first two entries as the launcher reads
// them. The input is parsed as PEX-INFO, and what the launcher parses further
// from it (interpreter constraints, requirements) is parsed too; the same
// bytes are also parsed as PEXRC-INFO.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/error.h"
#include "common/interpreter_constraint.h"
#include "common/launch_info.h"
#include "common/pep508.h"
#include "common/pex_info.h"

namespace {

void use_pex_info(std::string_view text) {
  pexrc::PexInfo info = pexrc::parse_pex_info(text, "PEX-INFO");
  // select_interpreter.cc: each constraint, tried against a candidate.
  pexrc::InterpreterFacts cpython{pexrc::Implementation::kCPython, *pexrc::parse_version("3.11.7"),
                                  false};
  for (const std::string& text : info.interpreter_constraints) {
    try {
      pexrc::parse_interpreter_constraint(text).matches(cpython);
    } catch (const pexrc::Error&) {
    }
  }
  for (const std::string& text : info.requirements) {
    try {
      pexrc::parse_requirement(text);
    } catch (const pexrc::Error&) {
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    use_pex_info(text);
  } catch (const pexrc::Error&) {
  }
  try {
    pexrc::parse_launch_info(text, "PEXRC-INFO");
  } catch (const pexrc::Error&) {
  }
  return 0;
}
