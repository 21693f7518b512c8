// `cache verify`: every unit checked again against its manifest (the text its
// content hash covers, which its name vouches for), every venv against the
// units it links to; `--repair` takes away what is damaged so that the next
// run extracts it again.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/cache/cache_root.h"

namespace pexrc {

struct UnitVerdict {
  std::string dir;        ///< relative to the root: "wheels/<hash>" or "code/<hash>"
  std::string name;       ///< the wheel file name or "user code" (venv manifests); "" if unknown
  std::string problem;    ///< the first problem found; "" if the unit is sound
  bool checkable = true;  ///< false: no manifest (made by a pexrc before manifests)
};

struct BrokenVenv {
  std::string dir;      ///< "venvs/<key>"
  std::string app;      ///< the .pexrc that built it
  std::string problem;  ///< which unit it lacks, or which damaged one it links to
};

struct VerifyReport {
  std::vector<UnitVerdict> units;  ///< every unit, sound or not
  std::vector<BrokenVenv> venvs;   ///< only the broken ones
  size_t files = 0;                ///< checked
  uint64_t bytes = 0;              ///< read and hashed
  size_t damaged() const;
  size_t unchecked() const;
};

/// Re-hashes the files of `units` (dir and name given) on `jobs` threads,
/// showing progress on a terminal: the report has one verdict each, in
/// order, and no venvs.
VerifyReport verify_units(const CacheRoot& cache, const std::vector<UnitVerdict>& units,
                          unsigned jobs);

/// Re-hashes every unit's files on `jobs` threads, showing progress on a
/// terminal (stderr). Reads only; refuses (exit 77) an untrusted root.
VerifyReport verify_cache(const CacheRoot& cache, unsigned jobs);

struct RepairReport {
  size_t units = 0, venvs = 0;  ///< removed
  size_t venvs_in_use = 0;      ///< broken, but an app holds them: left for it to finish
  uint64_t bytes = 0;
};

/// Removes the damaged units and the broken venvs of `report` the way prune
/// removes entries (one rename each into a locked work directory, builders
/// kept out), never a venv a running app holds.
RepairReport repair_cache(const CacheRoot& cache, const VerifyReport& report);

}  // namespace pexrc
