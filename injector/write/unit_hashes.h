// The content hash of every cache unit the output holds (each wheel listed in
// PEX-INFO and the app's own code), accumulated as entries are written and
// recorded in PEXRC-INFO.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/content_hash.h"
#include "common/launch_info.h"

namespace pexrc {

class UnitHashes {
 public:
  /// `wheels`: PEX-INFO's distributions. Entries under .deps/ of other
  /// names belong to no unit (the launcher never extracts them).
  explicit UnitHashes(const std::vector<std::string>& wheels);

  void add_file(const std::string& name, uint32_t unix_mode, uint64_t size, const Digest& digest);
  void add_directory(const std::string& name);

  /// Sets info.code_hash and info.wheel_hashes.
  void record_in(LaunchInfo& info) const;

 private:
  UnitHasher* unit_for(const std::string& name, std::string& path);

  UnitHasher code_;
  std::map<std::string, UnitHasher, std::less<>> wheels_;
};

}  // namespace pexrc
