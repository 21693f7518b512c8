// pex_tools.py as a program for `python -c` (embedded at build time by
// embed_text.py --python-c: the text compressed, inflated by Python).
#pragma once

namespace pexrc {

extern const char kPexToolsPy[];

}  // namespace pexrc
