// Ledgers: what a process published into a cache root before the bytes were
// known to be on the disk.
//
// Publishing by rename makes an entry appear whole to every reader at once,
// but only in memory: the kernel writes the files back later (within about
// half a minute), and a power cut before that leaves the entry on disk with
// empty or short files. Syncing every file before publishing would make a
// cold start wait for the disk, so a writer instead notes each entry in its
// ledger, a directory `unsynced/<boot id>.XXXXXX` under the root, *before*
// it publishes or changes it; a background process then syncs the file
// system (syncfs) and only after that removes the ledger. The journaling
// file systems a cache lives on (ext4, XFS, btrfs) write metadata to their
// journal in order, so whenever a publication survived a crash, so did the
// ledger entry made before it. A ledger left by an earlier boot thus names
// every entry that may be torn; before a run uses anything of the root,
// those are checked against their manifests (units) or rebuilt (venvs),
// and the ledger goes.
#pragma once

#include <string>

#include "common/file_io.h"
#include "runtime/cache/cache_root.h"

namespace pexrc {

/// This boot's identity (/proc/sys/kernel/random/boot_id), or "" if the
/// kernel does not say.
std::string current_boot_id();

class Ledger {
 public:
  /// A new, empty ledger of this boot in `cache`, locked by this process
  /// (and by whatever it forks) until it is retired or the holders exit.
  explicit Ledger(const CacheRoot& cache);
  Ledger(Ledger&&) = default;
  Ledger& operator=(Ledger&&) = default;
  /// Only closes the lock: the ledger stays until settle_ledgers() retires it.
  ~Ledger() = default;

  /// Notes that `dir` ("wheels/<hash>", "code/<hash>", "venvs/<key>", under
  /// the root) is about to be published or changed. Call it before.
  void note(const std::string& dir);
  const std::string& path() const { return path_; }
  /// The locked descriptor: a process that takes the ledger over keeps it open.
  int fd() const { return lock_.get(); }

 private:
  std::string path_;
  UniqueFd lock_;
};

/// Syncs the file system `cache` lives on, then retires `own` (a ledger
/// path, or "") and every ledger of this boot whose writer is gone (nobody
/// holds its lock), which that sync covered too. Nothing is retired if the
/// sync fails.
void settle_ledgers(const CacheRoot& cache, const std::string& own);

struct Recovery {
  size_t ledgers = 0;    ///< of an earlier boot, now retired
  size_t checked = 0;    ///< units re-hashed
  size_t damaged = 0;    ///< of those, taken away
  size_t venvs = 0;      ///< suspect venvs taken away (the run rebuilds its own)
  bool blocked = false;  ///< such ledgers exist, and this user cannot repair the root
};

/// Before a run uses anything of `cache`: one stat when no ledger is there;
/// otherwise, for each ledger of an earlier boot (or, when the boot is
/// unknown, each whose writer is gone), the units it names are re-hashed
/// (bytecode nobody vouches for removed) and taken away if damaged, its
/// venvs are taken away (the run rebuilds them), and it is retired; all
/// under the cache lock held exclusively.
Recovery recover_unsynced(const CacheRoot& cache);

}  // namespace pexrc
