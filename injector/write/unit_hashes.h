// The content hash of every cache unit the output holds (each wheel listed in
// PEX-INFO and the app's own code), and of each unit's compiled bytecode per
// cache tag, accumulated as entries are written and recorded in PEXRC-INFO.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/content_hash.h"
#include "common/launch_info.h"

namespace pexrc {

/// The mode a content file gets in a .pexrc (and so in its unit's hash):
/// the input's permission bits, 0644 when it has none.
uint32_t output_file_mode(uint32_t input_mode);

class UnitHashes {
 public:
  /// `wheels`: PEX-INFO's distributions. Entries under .deps/ of other
  /// names belong to no unit (the launcher never extracts them).
  explicit UnitHashes(const std::vector<std::string>& wheels);

  /// Announces an entry of compiled bytecode (PEXRC-BYTECODE/<tag>/...) that
  /// will be added, so that record_in() lists its layer from the start.
  void expect_bytecode(const std::string& name);
  void add_file(const std::string& name, uint32_t unix_mode, uint64_t size, const Digest& digest);
  void add_directory(const std::string& name);

  /// Sets info.code_hash, info.wheel_hashes and info.bytecode.
  void record_in(LaunchInfo& info) const;

 private:
  struct Units {
    UnitHasher code;
    bool has_code = false;
    std::map<std::string, UnitHasher, std::less<>> wheels;
  };
  UnitHasher* unit_for(const std::string& name, std::string& path);

  Units content_;
  std::map<std::string, Units, std::less<>> bytecode_;  ///< by cache tag
};

}  // namespace pexrc
