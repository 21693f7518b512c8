// What the injector does with each entry of an input PEX.
#pragma once

#include <string_view>

namespace pexrc {

enum class EntryRole {
  kPexInfo,     ///< PEX-INFO: kept verbatim, stored, first in the archive
  kMain,        ///< __main__.py: replaced by the fallback that calls the launcher
  kPexRuntime,  ///< .bootstrap/ and __pex__/: pex's Python runtime, replaced by the stub
  kContent,     ///< wheels under .deps/ and user code: recompressed with zstd
};

EntryRole classify_entry(std::string_view name);

}  // namespace pexrc
