#include "runtime/cache/eviction.h"

#include <time.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "common/content_hash.h"
#include "common/error.h"
#include "common/file_io.h"
#include "runtime/cache/fs_ops.h"
#include "runtime/cache/trash.h"
#include "runtime/cache/usage.h"
#include "runtime/cache/work_dirs.h"

namespace pexrc {
namespace {

// Units named otherwise come from launchers before content hashes, whose
// venvs carry no manifest saying what they link: never judged.
bool judged(const CacheEntry& unit) {
  return is_content_hash(unit.dir.substr(unit.dir.find('/') + 1));
}

// For each venv that is an old build of its app: since when (the later of
// its last use and the first venv of the app's current build).
std::map<const CacheEntry*, int64_t> old_builds(const Inventory& inv) {
  std::map<std::string, std::vector<const CacheEntry*>> by_app;
  for (const CacheEntry& v : inv.venvs)
    if (!v.name.empty() && !v.build.empty()) by_app[v.name].push_back(&v);
  std::map<const CacheEntry*, int64_t> old;
  for (const auto& [app, venvs] : by_app) {
    const CacheEntry* current =
        *std::max_element(venvs.begin(), venvs.end(), [](const CacheEntry* a, const CacheEntry* b) {
          return std::pair(a->last_use, a->built) < std::pair(b->last_use, b->built);
        });
    int64_t superseded = INT64_MAX;
    for (const CacheEntry* v : venvs)
      if (v->build == current->build) superseded = std::min(superseded, v->built);
    for (const CacheEntry* v : venvs)
      if (v->build != current->build) old[v] = std::max(v->last_use, superseded);
  }
  return old;
}

}  // namespace

std::string eviction_lock_path(const CacheRoot& cache) { return cache.locks() + "/evict.lck"; }

bool worth_evicting(const CacheRoot& cache, const CacheLimits& limits) {
  if (limits.max_bytes) return true;
  std::map<std::string, std::string> build_of_app;
  for (const std::string& key : dir_names(cache.venvs()).value_or(std::vector<std::string>())) {
    VenvManifest m = read_venv_manifest(cache.venvs() + "/" + key);
    if (m.app.empty() || m.build.empty()) continue;
    auto [it, first] = build_of_app.emplace(m.app, m.build);
    if (!first && it->second != m.build) return true;
  }
  return false;
}

EvictionPlan plan_eviction(const Inventory& inv, const CacheLimits& limits, int64_t now) {
  EvictionPlan plan;
  plan.size = inv.total_bytes();
  std::map<std::string, size_t> links;  // unit dir -> venvs kept that link to it
  for (const CacheEntry& v : inv.venvs)
    for (const std::string& u : v.units) ++links[u];
  std::map<std::string, const CacheEntry*> units;
  for (const std::vector<CacheEntry>* list : {&inv.wheels, &inv.code})
    for (const CacheEntry& u : *list)
      if (judged(u)) units[u.dir] = &u;
  std::set<std::string> gone;
  auto take = [&](const CacheEntry& e, const char* why) {
    plan.items.push_back({e.dir, e.name, e.bytes, why});
    plan.freed += e.bytes;
    gone.insert(e.dir);
  };
  // A venv goes with the units only it linked to.
  auto take_venv = [&](const CacheEntry& v, const char* why) {
    take(v, why);
    for (const std::string& u : v.units) {
      auto it = units.find(u);
      if (--links[u] == 0 && it != units.end() && !gone.count(u)) take(*it->second, why);
    }
  };
  std::map<const CacheEntry*, int64_t> old = old_builds(inv);
  for (const auto& [v, since] : old) {
    if (!v->in_use && now - since >= limits.keep_old_builds)
      take_venv(*v, "old build");
    else
      plan.old_builds.push_back(v->dir);
  }
  auto over = [&] { return limits.max_bytes && plan.size - plan.freed > *limits.max_bytes; };
  if (!over()) return plan;

  std::vector<const CacheEntry*> unlinked;
  for (const auto& [dir, u] : units)
    if (!links[dir] && !gone.count(dir)) unlinked.push_back(u);
  auto least_recent = [](const CacheEntry* a, const CacheEntry* b) {
    return std::pair(a->last_use, a->dir) < std::pair(b->last_use, b->dir);
  };
  std::sort(unlinked.begin(), unlinked.end(), least_recent);
  for (const CacheEntry* u : unlinked)
    if (over()) take(*u, "unlinked");

  std::vector<const CacheEntry*> venvs;
  for (const CacheEntry& v : inv.venvs)
    if (!v.in_use && !gone.count(v.dir)) venvs.push_back(&v);
  std::sort(venvs.begin(), venvs.end(), [&](const CacheEntry* a, const CacheEntry* b) {
    return std::pair(!old.count(a), std::pair(a->last_use, a->dir)) <
           std::pair(!old.count(b), std::pair(b->last_use, b->dir));
  });
  for (const CacheEntry* v : venvs)
    if (over()) take_venv(*v, old.count(v) ? "old build, over the cap" : "over the cap");
  return plan;
}

EvictionReport evict(const CacheRoot& cache, const CacheLimits& limits) {
  std::string why = distrust_of_root(cache);
  if (!why.empty()) fail(Status::kUntrusted, "refusing the cache root " + cache.root + ": " + why);
  EvictionReport report;
  if (!path_exists(cache.venvs())) return report;
  make_dirs(cache.locks());
  std::optional<Trash> trash;
  DirLock no_builders(cache_lock_path(cache));
  Inventory inv = take_inventory(cache);
  EvictionPlan plan = plan_eviction(inv, limits, int64_t(::time(nullptr)));
  report.size_after = plan.size;
  if (plan.items.empty()) return report;
  trash.emplace(cache, "evict");
  // An app may have taken a planned venv since the inventory: it stays, and
  // so do the units it links to.
  std::set<std::string> kept_units;
  std::set<std::string> taken;
  for (const Eviction& e : plan.items) {
    if (!e.dir.starts_with("venvs/")) continue;
    UniqueFd lock = try_lock_in_place(cache.root + "/" + e.dir);
    if (lock.valid() && trash->take(e.dir)) {
      taken.insert(e.dir);
      ++report.venvs;
      report.freed += e.bytes;
    }
  }
  for (const CacheEntry& v : inv.venvs)
    if (!taken.count(v.dir)) kept_units.insert(v.units.begin(), v.units.end());
  for (const Eviction& e : plan.items) {
    if (e.dir.starts_with("venvs/") || kept_units.count(e.dir) || !trash->take(e.dir)) continue;
    ++report.units;
    report.freed += e.bytes;
  }
  report.size_after -= std::min(plan.size, report.freed);
  return report;
}

}  // namespace pexrc
