// extract: which parts of the archive the app needs, and where in the cache
// each part lives once extracted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/launch_info.h"
#include "common/pex_info.h"
#include "common/zip_reader.h"
#include "runtime/cache/cache_root.h"

namespace pexrc {

/// One directory in the cache built from the archive entries under a prefix.
struct CacheItem {
  std::string label;         ///< for messages and lock names, e.g. the wheel file name
  std::string dest;          ///< final directory, e.g. <root>/wheels/<content hash>
  std::string content_hash;  ///< what the extracted files must hash to (PEXRC-INFO)
  std::string prefix;        ///< stripped from entry names ("" for user code)
  std::vector<const zip::Entry*> entries;
  /// The .pyc files pexrc-inject compiled for the interpreter's cache tag:
  /// extracted into `dest` with the unit, or added to it later (a unit first
  /// extracted for another interpreter), checked against their own hash.
  struct Bytecode {
    std::string tag;
    std::string content_hash;
    std::string prefix;  ///< stripped from entry names: PEXRC-BYTECODE/<tag>/ + the unit's
    std::vector<const zip::Entry*> entries;
    /// Exists in `dest` once every file is in place.
    std::string marker() const;
  };
  std::optional<Bytecode> bytecode;
};

struct ExtractPlan {
  std::vector<CacheItem> wheels;  ///< sorted by wheel file name
  std::vector<CacheItem> code;    ///< empty, or the app's own code
};

/// Groups `entries` into the chosen `wheels` (.deps/<wheel>/...) and user
/// code (everything outside .deps/ and the PEX's metadata), each keyed by the
/// content hash PEXRC-INFO records for it, which extraction verifies. Rejects
/// unsafe or clashing names, chosen wheels that the archive lacks or that
/// have no hash. The bytecode shipped for `cache_tag` (if any) joins each
/// unit it belongs to.
ExtractPlan plan_extraction(const std::vector<zip::Entry>& entries, const PexInfo& info,
                            const LaunchInfo& launch, const std::vector<std::string>& wheels,
                            const std::string& cache_tag, const CacheRoot& cache,
                            const std::string& pex_path);

}  // namespace pexrc
