// What a cache root holds, for `cache info` and `cache prune`: each venv with
// its app and the units it links to, each wheel and code unit, their sizes on
// disk and when they were last used.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/cache/cache_root.h"

namespace pexrc {

struct CacheEntry {
  std::string dir;       ///< relative to the root: "venvs/<key>", "wheels/<hash>", "code/<hash>"
  std::string name;      ///< venv: the app's path; unit: the wheel file name or "user code"
  std::string python;    ///< venvs only
  uint64_t bytes = 0;    ///< on disk, symlinks not followed
  int64_t last_use = 0;  ///< seconds since the epoch
  bool in_use = false;   ///< venv: an app holds it; unit: a venv links to it
  std::vector<std::string> units;  ///< venvs only: the "dir"s it links to
  /// Venvs only: which build of the app (a hash of its PEX-INFO and
  /// PEXRC-INFO; "" from launchers that did not record it) and when it was built.
  std::string build;
  int64_t built = 0;
  bool manifest_sound = false;  ///< venvs only: VenvManifest::sound
};

struct Inventory {
  std::vector<CacheEntry> venvs, wheels, code;
  uint64_t other_bytes = 0;  ///< interpreters/, launchers/, locks/, work/
  size_t work_entries = 0;   ///< in work/: live builds and not yet swept debris

  uint64_t total_bytes() const;
};

/// Reads the root; never writes, never waits for a lock.
Inventory take_inventory(const CacheRoot& cache);

/// What the manifest (kVenvManifestName) of the venv at `venv_dir` says:
/// its app, interpreter, build, and the units it links to (root-relative
/// dirs, "wheels/<hash>"). What it lacks, or a manifest missing or
/// unreadable, stays empty.
struct VenvManifest {
  std::string app, python, build;
  std::vector<std::string> units;
  /// Read whole, with every field a venv has had since manifests exist: false
  /// for one that is missing, empty or torn (a power cut before its bytes
  /// reached the disk).
  bool sound = false;
};
VenvManifest read_venv_manifest(const std::string& venv_dir);

/// Those of the venv's units that are not in `cache` (deleted by hand, or
/// by `cache verify --repair` while the venv was held).
std::vector<std::string> missing_units(const CacheRoot& cache, const std::string& venv_dir);

/// Bytes on disk under `path` (st_blocks), symlinks not followed.
uint64_t disk_usage(const std::string& path);

}  // namespace pexrc
