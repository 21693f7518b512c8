#include "launcher/extract/extract.h"

#include <algorithm>
#include <memory>
#include <set>

#include "common/usable_cpus.h"
#include "launcher/cache/fs_ops.h"
#include "launcher/extract/decode_entry.h"
#include "launcher/extract/parallel_for.h"

namespace pexrc {

std::string lock_path_for(const CacheRoot& cache, const std::string& dest) {
  std::string rel = dest.substr(cache.root.size() + 1);
  std::replace(rel.begin(), rel.end(), '/', '-');
  return cache.locks() + "/" + rel + ".lck";
}

namespace {

struct FileTask {
  const zip::Entry* entry;
  std::string dest;
};

void parent_dirs(const std::string& base, const std::string& rel, std::set<std::string>& made) {
  size_t slash = rel.rfind('/');
  if (slash == std::string::npos) return;
  std::string dir = base + "/" + rel.substr(0, slash);
  if (made.insert(dir).second) make_dirs(dir);
}

}  // namespace

void ensure_extracted(const ZipReader& zip, const std::vector<const CacheItem*>& items,
                      const CacheRoot& cache, const Trace& trace) {
  std::vector<const CacheItem*> missing;
  for (const CacheItem* item : items)
    if (!path_exists(item->dest)) missing.push_back(item);
  if (missing.empty()) return;

  // Locks are taken in one global order (by path) so two apps sharing wheels
  // never wait on each other in a cycle.
  std::sort(missing.begin(), missing.end(),
            [](const CacheItem* a, const CacheItem* b) { return a->dest < b->dest; });
  make_dirs(cache.locks());
  std::vector<std::unique_ptr<DirLock>> locks;
  for (const CacheItem* item : missing)
    locks.push_back(std::make_unique<DirLock>(lock_path_for(cache, item->dest)));
  missing.erase(std::remove_if(missing.begin(), missing.end(),
                               [](const CacheItem* item) { return path_exists(item->dest); }),
                missing.end());
  if (missing.empty()) return;

  std::vector<WorkDir> work;
  work.reserve(missing.size());
  std::vector<FileTask> tasks;
  uint64_t bytes = 0;
  for (const CacheItem* item : missing) {
    work.emplace_back(cache.work(), "extract");
    const std::string& base = work.back().path();
    std::set<std::string> made;
    for (const zip::Entry* e : item->entries) {
      std::string rel = e->name.substr(item->prefix.size());
      if (e->is_directory()) {
        rel.pop_back();
        if (made.insert(base + "/" + rel).second) make_dirs(base + "/" + rel);
        continue;
      }
      parent_dirs(base, rel, made);
      tasks.push_back({e, base + "/" + rel});
      bytes += e->uncompressed_size;
    }
  }
  // Biggest first: the long tail of a parallel run is its largest file.
  std::sort(tasks.begin(), tasks.end(), [](const FileTask& a, const FileTask& b) {
    return a.entry->compressed_size > b.entry->compressed_size;
  });

  unsigned threads = usable_cpus();
  trace.log(1, "extracting " + std::to_string(missing.size()) + " item(s), " +
                   std::to_string(tasks.size()) + " files, " + std::to_string(bytes) +
                   " bytes on " + std::to_string(threads) + " threads");
  std::vector<std::unique_ptr<EntryScratch>> scratch(std::min<size_t>(threads, tasks.size()));
  for (auto& s : scratch) s = std::make_unique<EntryScratch>();
  parallel_for(tasks.size(), threads, [&](size_t i, unsigned worker) {
    write_entry(zip, *tasks[i].entry, tasks[i].dest, *scratch[worker]);
  });

  for (size_t i = 0; i < missing.size(); ++i) {
    work[i].publish(missing[i]->dest);
    trace.log(2, "extracted " + missing[i]->label + " -> " + missing[i]->dest);
  }
}

}  // namespace pexrc
