// `pexrc-inject prepare APP.pexrc [--json]`: warms the cache for APP on this
// host as `PEXRC_TOOLS=1 APP.pexrc prepare` would (launcher/tools/prepare.h),
// also when APP is not executable: APP's own launcher runs from memory.
#pragma once

#include <string>
#include <vector>

namespace pexrc {

/// `args` are the words after "prepare". Returns only by throwing, or for --help.
int run_prepare_command(const std::vector<std::string>& args);

}  // namespace pexrc
