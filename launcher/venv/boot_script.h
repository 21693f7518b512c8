// venv: the small Python program that starts the app inside the venv.
#pragma once

#include <string>

#include "common/pex_info.h"

namespace pexrc {

/// Source of pexrc-boot.py for this PEX (Python 2.7 and 3 syntax). It is run
/// as `python pexrc-boot.py ARGV0 ARGS...` inside a venv, or as `python -S
/// ...` with `site_packages_by_hand` (relative to the boot script) naming the
/// site-packages it adds itself. Throws Error(kBadPexInfo) if entry_point
/// is malformed, Error(kUnsupported) for features not handled yet.
std::string boot_script(const PexInfo& info, const std::string& pex_path,
                        const std::string& site_packages_by_hand);

}  // namespace pexrc
