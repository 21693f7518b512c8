// venv: the small Python program that starts the app inside the venv.
#pragma once

#include <cstdint>
#include <string>

#include "common/pex_info.h"

namespace pexrc {

/// Source of pexrc-boot.py for this PEX (Python 2.7 and 3 syntax), written
/// into the venv next to a copy of PEX-INFO. It is run as `python
/// pexrc-boot.py ARGV0 ARGS...` inside a venv, or as `python -S ...` with
/// `add_site_packages` when it must add `site_packages` (relative to itself)
/// by hand. Throws Error(kBadPexInfo) if entry_point or script is malformed.
/// Changes whenever the boot script's text does (part of the venv key).
uint64_t boot_script_fingerprint();

std::string boot_script(const PexInfo& info, const std::string& pex_path,
                        const std::string& site_packages, bool add_site_packages);

}  // namespace pexrc
