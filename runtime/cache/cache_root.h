// Where the launcher keeps what it extracts, and how that tree is laid out:
//
//   <root>/CACHEDIR.TAG             Cache Directory Tagging spec: backups skip it
//   <root>/PEXRC-ROOT               pexrc's marker: only a marked root is swept or pruned
//   <root>/interpreters/<key>.json  probed identity of one interpreter binary
//   <root>/wheels/<fingerprint>/    one wheel's chroot, shared by every app
//   <root>/code/<code hash>/        one app's own code (pex -D / -M)
//   <root>/venvs/<key>/             venv-like layout for (app, interpreter)
//   <root>/locks/                   flock files serialising builders
//   <root>/work/                    private work dirs, renamed into place
//
// A root is read only if it can be trusted (cache/trust.h), written and
// cleaned only if it is marked as pexrc's.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pexrc {

/// In every venv: {"app": the .pexrc that built it, "python": its interpreter,
/// "build": which build of the app (absent from older manifests), "units": [{"dir":
/// "wheels/<hash>" (relative to the root), "name": label}]}.
constexpr const char* kVenvManifestName = "pexrc-venv.json";

/// At the root of every wheel and code unit (older launchers wrote none): its
/// manifest, the text its content hash (its directory's name) is the SHA-256
/// of (UnitHasher::text), so that the unit can be checked again later.
constexpr const char* kUnitManifestName = ".pexrc-unit";
/// At a unit's root, one per interpreter tag whose shipped bytecode it holds
/// (".pexrc-bytecode-cpython-311"): that layer's text, as the manifest.
constexpr std::string_view kBytecodeMarkerPrefix = ".pexrc-bytecode-";

/// Names at a unit's root that are pexrc's bookkeeping, not the unit's
/// files: all start with ".pexrc-".
inline bool is_unit_bookkeeping(std::string_view name) { return name.starts_with(".pexrc-"); }

struct CacheRoot {
  std::string root;
  bool temporary = false;  ///< a private fallback root, removed when the app exits
  /// With `temporary`: the trusted root this run could not write (a
  /// read-only image, another user's pre-warmed cache) whose finished
  /// entries it reuses; "" if none.
  std::string shared;

  std::string interpreters() const { return root + "/interpreters"; }
  std::string wheels() const { return root + "/wheels"; }
  std::string code() const { return root + "/code"; }
  std::string venvs() const { return root + "/venvs"; }
  std::string locks() const { return root + "/locks"; }
  std::string work() const { return root + "/work"; }
};

/// The lock file guarding a cache directory under the root.
std::string lock_path_for(const CacheRoot& cache, const std::string& dest);

/// PEXRC_ROOT, else $PEX_ROOT/pexrc, else $XDG_CACHE_HOME/pexrc, else
/// $HOME/.cache/pexrc, else the same under the home directory /etc/passwd
/// gives the effective user; made absolute, symlinks resolved as far as it
/// exists. Nothing is created or checked. Throws Error(kIo) if none of them
/// places it.
CacheRoot cache_root_from_env();

/// "" if the root (when it exists), every directory above it and its layout
/// directories may be trusted; else why not, naming the directory.
std::string distrust_of_root(const CacheRoot& cache);

/// Makes the root pexrc's before the first write: creates it if missing,
/// checks it can still be trusted, and marks it if it is empty (or a root of
/// an earlier pexrc, holding only pexrc's names). "" if it is pexrc's now,
/// else why not. Throws Error(kIo) if it cannot be created.
std::string claim_root(const CacheRoot& cache);

/// The launcher's root: cache_root_from_env() if it places one that can be
/// trusted, with what an unclean shutdown may have torn there checked first
/// (recover_unsynced, ledger.h); else, after a one-line warning, a private
/// temporary root.
CacheRoot trusted_root_or_fallback();

/// The root for `cache info` / `prune`: refuses (exit 77) one that cannot be
/// trusted or is no pexrc cache.
CacheRoot root_for_housekeeping();

/// Removes the temporary roots of dead runs (killed before they could
/// remove theirs) that are ours, from TMPDIR if it can be trusted.
void sweep_dead_temporary_roots();

/// Called before the first write: nullopt if `cache` can be written (it is
/// created and marked if missing), else a fresh temporary root to use
/// instead, after a one-line warning on stderr.
std::optional<CacheRoot> writable_or_fallback(const CacheRoot& cache);

}  // namespace pexrc
