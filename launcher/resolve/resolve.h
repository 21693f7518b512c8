// resolve: which of the PEX's wheels an interpreter needs, walking the
// requirement graph the way pex does at run time.
#pragma once

#include <string>
#include <vector>

#include "common/json.h"
#include "common/pex_info.h"
#include "launcher/resolve/wheel_catalog.h"
#include "launcher/select/interpreter.h"

namespace pexrc {

struct Resolution {
  std::vector<std::string> wheels;  ///< chosen wheel file names, sorted
  std::string error;                ///< why it does not resolve ("" if it does)
};

/// From PEX-INFO's requirements, per project the shipped wheel whose best tag
/// ranks highest among the interpreter's supported tags (PEP 425) and whose
/// Requires-Python admits it; then its Requires-Dist, markers evaluated
/// (PEP 508) with the extras asked for. `excluded` projects are skipped,
/// `overridden` requirements replace those of the same project, and with
/// ignore_errors (PEX-INFO's, or `ignore_errors`: PEX_IGNORE_ERRORS)
/// unresolvable requirements are dropped.
Resolution resolve_wheels(WheelCatalog& catalog, const PexInfo& info, const Interpreter& python,
                          bool ignore_errors);

/// For PEX-INFO's requirements and the Requires-Dist of `wheels` (file names
/// from a resolution), each marker evaluated for the interpreter with no extra
/// and with every extra any of those requirements asks for: a JSON object
/// from requirement text (as written) to the extras, "" standing for none,
/// under which its marker holds (requirements without a marker left out).
/// What the PEX_TOOLS program needs to walk pex's dependency graph without a
/// marker evaluator of its own.
nlohmann::json evaluate_markers(WheelCatalog& catalog, const PexInfo& info,
                                const Interpreter& python, const std::vector<std::string>& wheels);

}  // namespace pexrc
