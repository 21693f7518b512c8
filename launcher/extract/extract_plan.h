// extract: which parts of the archive the app needs, and where in the cache
// each part lives once extracted.
#pragma once

#include <string>
#include <vector>

#include "common/pex_info.h"
#include "common/zip_reader.h"
#include "launcher/cache/cache_root.h"

namespace pexrc {

/// One directory in the cache built from the archive entries under a prefix.
struct CacheItem {
  std::string label;   ///< for messages and lock names, e.g. the wheel file name
  std::string dest;    ///< final directory, e.g. <root>/wheels/<fingerprint>
  std::string prefix;  ///< stripped from entry names ("" for user code)
  std::vector<const zip::Entry*> entries;
};

struct ExtractPlan {
  std::vector<CacheItem> wheels;  ///< sorted by wheel file name
  std::vector<CacheItem> code;    ///< empty, or the app's own code
};

/// Groups `entries` into the chosen `wheels` (.deps/<wheel>/..., each keyed
/// by its PEX-INFO fingerprint) and user code (everything outside .deps/ and
/// the PEX's metadata). Rejects unsafe names and chosen wheels that the
/// archive lacks.
ExtractPlan plan_extraction(const std::vector<zip::Entry>& entries, const PexInfo& info,
                            const std::vector<std::string>& wheels,
                            const std::string& pex_text_hash, const CacheRoot& cache,
                            const std::string& pex_path);

}  // namespace pexrc
