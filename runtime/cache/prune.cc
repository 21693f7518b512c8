#include "runtime/cache/prune.h"

#include <stdio.h>
#include <time.h>

#include <memory>
#include <set>

#include "common/content_hash.h"
#include "common/error.h"
#include "common/file_io.h"
#include "common/json.h"
#include "runtime/cache/fs_ops.h"
#include "runtime/cache/inventory.h"
#include "runtime/cache/trash.h"
#include "runtime/cache/usage.h"
#include "runtime/cache/work_dirs.h"

namespace pexrc {
namespace {

// Interpreter identities worth asking again: the binary is gone, or the
// answer was "no Python" (launchers before 0.1 also cached a failed start
// that way). Unreadable entries go too; a live one is rewritten by the next
// probe, never read half-written (entries are renamed into place).
size_t remove_stale_identities(const CacheRoot& cache) {
  size_t removed = 0;
  for (const std::string& name :
       dir_names(cache.interpreters()).value_or(std::vector<std::string>())) {
    std::string path = cache.interpreters() + "/" + name;
    std::string text;
    if (!read_small_file(path, text)) continue;
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    bool stale = !j.is_object() || !j.contains("probe") || j["probe"].is_null() ||
                 !path_exists(j.value("candidate", std::string()));
    if (stale && ::unlink(path.c_str()) == 0) ++removed;
  }
  return removed;
}

}  // namespace

PruneReport prune_cache(const CacheRoot& cache, int64_t older_than) {
  std::string why = distrust_of_root(cache);
  if (!why.empty()) fail(Status::kUntrusted, "refusing to prune " + cache.root + ": " + why);
  PruneReport report;
  report.identities = remove_stale_identities(cache);
  report.debris = sweep_work_dirs(cache.work()).removed;
  if (!path_exists(cache.venvs()) && !path_exists(cache.wheels()) && !path_exists(cache.code()))
    return report;
  make_dirs(cache.locks());
  Trash trash(cache, "prune");
  {
    DirLock no_builders(cache_lock_path(cache));
    Inventory inv = take_inventory(cache);
    int64_t now = int64_t(::time(nullptr));
    std::set<std::string> kept_units;
    for (const CacheEntry& v : inv.venvs) {
      std::string path = cache.root + "/" + v.dir;
      bool old = now - v.last_use >= older_than;
      UniqueFd lock = old ? try_lock_in_place(path) : UniqueFd();
      if (old && !lock.valid()) ++report.venvs_in_use;
      if (lock.valid() && trash.take(v.dir)) {
        ++report.venvs;
        report.bytes += v.bytes;
        continue;
      }
      kept_units.insert(v.units.begin(), v.units.end());
    }
    for (auto [list, count] : {std::pair{&inv.wheels, &report.wheels}, {&inv.code, &report.code}})
      for (const CacheEntry& u : *list) {
        // Units named otherwise come from launchers before content hashes,
        // whose venvs carry no manifest saying what they link: left alone.
        bool legacy = !is_content_hash(u.dir.substr(u.dir.find('/') + 1));
        if (legacy || kept_units.count(u.dir) || !trash.take(u.dir)) continue;
        ++*count;
        report.bytes += u.bytes;
      }
  }
  // The slow part, with builders running again: nothing in the trash is
  // reachable any more.
  return report;
}

}  // namespace pexrc
