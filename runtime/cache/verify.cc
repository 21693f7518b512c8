#include "runtime/cache/verify.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <set>

#include "common/content_hash.h"
#include "common/error.h"
#include "common/file_io.h"
#include "common/human_bytes.h"
#include "runtime/cache/fs_ops.h"
#include "runtime/cache/inventory.h"
#include "runtime/cache/trash.h"
#include "runtime/cache/usage.h"
#include "runtime/cache/work_dirs.h"
#include "runtime/extract/parallel_for.h"

namespace pexrc {
namespace {

// One file a manifest lists, to be read and hashed again.
struct FileCheck {
  size_t unit;        ///< index into VerifyReport::units
  std::string layer;  ///< "" for the unit's own files, else "bytecode <tag>: "
  std::string path;   ///< absolute
  std::string shown;  ///< relative to the unit, for messages
  UnitRecord record;
};

std::string check_file(const FileCheck& c) {
  int fd = ::open(c.path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return c.layer + c.shown + " is missing";
  UniqueFd owner(fd);
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return c.layer + c.shown + " is not a file";
  if (uint64_t(st.st_size) != c.record.size)
    return c.layer + c.shown + " has " + std::to_string(st.st_size) + " bytes, not " +
           std::to_string(c.record.size);
  if (((st.st_mode & 0111) != 0) != c.record.executable)
    return c.layer + c.shown + " has the wrong mode";
  FileHasher hasher;
  std::string buffer(1 << 20, '\0');
  for (ssize_t n; (n = ::read(fd, buffer.data(), buffer.size())) != 0;) {
    if (n < 0) return c.layer + c.shown + " cannot be read";
    hasher.update(buffer.data(), size_t(n));
  }
  return hasher.finish() == c.record.digest ? "" : c.layer + c.shown + " was altered";
}

// What a manifest text says must be in `unit`: directories checked here,
// files queued in `files`. Returns a problem, or "".
std::string expect(const std::string& unit_path, const std::string& text, const std::string& layer,
                   size_t unit, std::vector<FileCheck>& files) {
  std::optional<std::vector<UnitRecord>> records = parse_unit_text(text);
  if (!records) return layer + "its manifest is damaged";
  for (UnitRecord& r : *records) {
    std::string path = unit_path + "/" + r.path;
    if (r.directory) {
      struct stat st;
      if (::lstat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return layer + "directory " + r.path + " is missing";
      continue;
    }
    files.push_back({unit, layer, path, r.path, std::move(r)});
  }
  return "";
}

// A line on a terminal, rewritten as the bytes go by.
class Progress {
 public:
  explicit Progress(uint64_t total) : total_(total), shown_(::isatty(2) && total > 0) {}
  ~Progress() {
    if (shown_) (void)::write(2, "\r\033[K", 4);
  }
  void add(uint64_t bytes) {
    uint64_t done = done_ += bytes;
    if (!shown_) return;
    int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now().time_since_epoch())
                      .count();
    int64_t last = last_ms_.load();
    if (now - last < 200 || !last_ms_.compare_exchange_strong(last, now)) return;
    std::string line = "\rpexrc: cache verify: " + std::to_string(done * 100 / total_) + "% (" +
                       human_bytes(done) + " of " + human_bytes(total_) + ")\033[K";
    (void)::write(2, line.data(), line.size());
  }

 private:
  uint64_t total_;
  bool shown_;
  std::atomic<uint64_t> done_{0};
  std::atomic<int64_t> last_ms_{0};
};

}  // namespace

size_t VerifyReport::damaged() const {
  size_t n = 0;
  for (const UnitVerdict& u : units) n += u.checkable && !u.problem.empty();
  return n;
}

size_t VerifyReport::unchecked() const {
  size_t n = 0;
  for (const UnitVerdict& u : units) n += !u.checkable;
  return n;
}

VerifyReport verify_units(const CacheRoot& cache, const std::vector<UnitVerdict>& units,
                          unsigned jobs) {
  VerifyReport report;
  std::vector<FileCheck> files;
  for (const UnitVerdict& unit : units) {
    size_t index = report.units.size();
    UnitVerdict& verdict = report.units.emplace_back(unit);
    std::string path = cache.root + "/" + unit.dir;
    std::string text;
    if (!read_small_file(path + "/" + kUnitManifestName, text)) {
      verdict.checkable = false;
      verdict.problem = "no manifest (extracted by a pexrc before 0.1 kept one): not checked";
      continue;
    }
    if (content_hash_of_text(text) != unit.dir.substr(unit.dir.find('/') + 1)) {
      verdict.problem = "its manifest is damaged";
      continue;
    }
    verdict.problem = expect(path, text, "", index, files);
    for (const std::string& name : dir_names(path).value_or(std::vector<std::string>())) {
      if (!verdict.problem.empty()) break;
      if (!name.starts_with(kBytecodeMarkerPrefix)) continue;
      std::string layer = name.substr(kBytecodeMarkerPrefix.size());
      if (!read_small_file(path + "/" + name, text) || text.empty()) continue;  // older marker
      verdict.problem = expect(path, text, "bytecode " + layer + ": ", index, files);
    }
  }

  uint64_t total = 0;
  for (const FileCheck& f : files) total += f.record.size;
  std::vector<std::string> problems(files.size());
  {
    Progress progress(total);
    parallel_for(files.size(), jobs, [&](size_t i, unsigned) {
      problems[i] = check_file(files[i]);
      progress.add(files[i].record.size);
    });
  }
  report.files = files.size();
  report.bytes = total;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string& problem = report.units[files[i].unit].problem;
    if (problem.empty()) problem = problems[i];
  }
  return report;
}

VerifyReport verify_cache(const CacheRoot& cache, unsigned jobs) {
  std::string why = distrust_of_root(cache);
  if (!why.empty()) fail(Status::kUntrusted, "refusing to verify " + cache.root + ": " + why);
  Inventory inv = take_inventory(cache);
  std::vector<UnitVerdict> units;
  for (const std::vector<CacheEntry>* list : {&inv.wheels, &inv.code})
    for (const CacheEntry& entry : *list) units.push_back({entry.dir, entry.name, "", true});
  VerifyReport report = verify_units(cache, units, jobs);

  std::map<std::string, const UnitVerdict*> by_dir;
  for (const UnitVerdict& u : report.units) by_dir[u.dir] = &u;
  for (const CacheEntry& venv : inv.venvs) {
    // A manifest that is not whole (a power cut before it reached the disk)
    // hides which units the venv needs, and the rest of the venv is suspect.
    if (!venv.manifest_sound) {
      report.venvs.push_back({venv.dir, venv.name,
                              "its " + std::string(kVenvManifestName) + " is missing or damaged"});
      continue;
    }
    for (const std::string& unit : venv.units) {
      auto it = by_dir.find(unit);
      std::string problem = it == by_dir.end() ? "links to " + unit + ", which is missing"
                            : it->second->checkable && !it->second->problem.empty()
                                ? "links to " + unit + ", which is damaged"
                                : "";
      if (problem.empty()) continue;
      report.venvs.push_back({venv.dir, venv.name, problem});
      break;
    }
  }
  return report;
}

RepairReport repair_cache(const CacheRoot& cache, const VerifyReport& report) {
  RepairReport repaired;
  if (report.damaged() == 0 && report.venvs.empty()) return repaired;
  make_dirs(cache.locks());
  Trash trash(cache, "repair");
  auto take_away = [&](const std::string& dir) {
    uint64_t bytes = disk_usage(cache.root + "/" + dir);
    if (!trash.take(dir)) return false;
    repaired.bytes += bytes;
    return true;
  };
  DirLock no_builders(cache_lock_path(cache));
  for (const BrokenVenv& v : report.venvs) {
    UniqueFd lock = try_lock_in_place(cache.root + "/" + v.dir);
    if (!lock.valid()) {
      ++repaired.venvs_in_use;
      continue;
    }
    if (take_away(v.dir)) ++repaired.venvs;
  }
  // A damaged unit goes even if an app uses it: it is already broken for
  // that app, and the next start extracts it whole again.
  for (const UnitVerdict& u : report.units)
    if (u.checkable && !u.problem.empty() && take_away(u.dir)) ++repaired.units;
  return repaired;
}

}  // namespace pexrc
