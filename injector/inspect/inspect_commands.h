// `pexrc-inject info` and `pexrc-inject verify`: their command lines.
#pragma once

#include <string>
#include <vector>

namespace pexrc {

/// info APP.pexrc [--json]: prints summary_text or summary_json.
int run_info_command(const std::vector<std::string>& args);

/// verify APP.pexrc [-j N] [-q]: "ok: ..." with totals, or the first problem
/// as an Error (its status is the exit status).
int run_verify_command(const std::vector<std::string>& args);

}  // namespace pexrc
