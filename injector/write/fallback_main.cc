#include "injector/write/fallback_main.h"

namespace pexrc {

// fallback_main.py, embedded at build time (scripts/build/embed_text.py).
extern const char kFallbackMainPy[];

std::string_view fallback_main_py() { return kFallbackMainPy; }

}  // namespace pexrc
