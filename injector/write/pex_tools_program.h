// The PEX_TOOLS program, written into the .pexrc of every PEX built with
// tools (PEXRC-TOOLS): launcher/tools/pex_tools/*.py bundled for `python -c`
// by scripts/build/embed_text.py at build time.
#pragma once

namespace pexrc {

extern const char kPexToolsProgram[];

}  // namespace pexrc
