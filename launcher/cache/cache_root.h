// Where the launcher keeps what it extracts, and how that tree is laid out:
//
//   <root>/interpreters/<key>.json  probed identity of one interpreter binary
//   <root>/wheels/<fingerprint>/    one wheel's chroot, shared by every app
//   <root>/code/<code hash>/        one app's own code (pex -D / -M)
//   <root>/venvs/<key>/             venv-like layout for (app, interpreter)
//   <root>/locks/                   flock files serialising builders
//   <root>/work/                    private work dirs, renamed into place
#pragma once

#include <optional>
#include <string>

namespace pexrc {

struct CacheRoot {
  std::string root;
  bool temporary = false;  ///< a fallback root that the app removes when it exits

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
/// $HOME/.cache/pexrc; made absolute. Nothing is created.
CacheRoot cache_root_from_env();

/// Called before the first write: nullopt if `cache` can be written (it is
/// created if missing), else a fresh temporary root to use instead, after a
/// one-line warning on stderr.
std::optional<CacheRoot> writable_or_fallback(const CacheRoot& cache);

}  // namespace pexrc
