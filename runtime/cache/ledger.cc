#include "runtime/cache/ledger.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <set>
#include <vector>

#include "common/content_hash.h"
#include "common/entry_path.h"
#include "common/error.h"
#include "common/usable_cpus.h"
#include "runtime/cache/fs_ops.h"
#include "runtime/cache/trash.h"
#include "runtime/cache/usage.h"
#include "runtime/cache/verify.h"
#include "runtime/cache/work_dirs.h"

namespace pexrc {
namespace {

constexpr const char* kUnknownBoot = "unknown-boot";

std::string unsynced_dir(const CacheRoot& cache) { return cache.root + "/unsynced"; }

// "wheels/<hash>" is noted as "wheels.<hash>": one flat name per entry.
std::string noted_name(std::string dir) {
  std::replace(dir.begin(), dir.end(), '/', '.');
  return dir;
}
std::string noted_dir(std::string name) {
  size_t dot = name.find('.');
  if (dot != std::string::npos) name[dot] = '/';
  return name;
}

std::string boot_of(const std::string& ledger_name) {
  return ledger_name.substr(0, ledger_name.rfind('.'));
}

// Every .pyc in a __pycache__ of `unit` that no bytecode layer's manifest
// lists: written by the background compile (or by Python itself), with no
// hash to check it by. They are only ever a shortcut: without them, Python
// compiles the sources again.
void remove_unvouched_bytecode(const std::string& unit) {
  std::set<std::string> vouched;
  for (const std::string& name : dir_names(unit).value_or(std::vector<std::string>())) {
    std::string text;
    if (!name.starts_with(kBytecodeMarkerPrefix) || !read_small_file(unit + "/" + name, text))
      continue;
    for (const UnitRecord& r : parse_unit_text(text).value_or(std::vector<UnitRecord>()))
      vouched.insert(r.path);
  }
  std::vector<std::string> pending = {""};
  while (!pending.empty()) {
    std::string rel = std::move(pending.back());
    pending.pop_back();
    std::string dir = rel.empty() ? unit : unit + "/" + rel;
    bool cache_dir = rel == "__pycache__" || rel.ends_with("/__pycache__");
    for (const std::string& name : dir_names(dir).value_or(std::vector<std::string>())) {
      std::string child = rel.empty() ? name : rel + "/" + name;
      struct stat st;
      if (::lstat((unit + "/" + child).c_str(), &st) != 0) continue;
      if (S_ISDIR(st.st_mode))
        pending.push_back(child);
      else if (cache_dir && !vouched.count(child))
        ::unlink((unit + "/" + child).c_str());
    }
  }
}

// Retires a ledger: everything it names is on the disk, or was checked.
void retire(const std::string& ledger) { remove_tree(ledger); }

}  // namespace

std::string current_boot_id() {
  std::string text;
  if (!read_small_file("/proc/sys/kernel/random/boot_id", text)) return "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-';
  });
  return plain ? text : "";
}

Ledger::Ledger(const CacheRoot& cache) {
  std::string parent = unsynced_dir(cache);
  make_dirs(parent);
  std::string boot = current_boot_id();
  // As for work directories: a settle that took the new ledger for a dead
  // writer's before we locked it retires it, so we start over.
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::string tmpl = parent + "/" + (boot.empty() ? kUnknownBoot : boot) + ".XXXXXX";
    if (!::mkdtemp(tmpl.data())) fail_errno("cannot create a ledger in " + parent);
    int fd = ::open(tmpl.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) continue;
    UniqueFd lock(fd);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0 || !still_at(fd, tmpl)) continue;
    path_ = std::move(tmpl);
    lock_ = std::move(lock);
    return;
  }
  fail(Status::kIo, "cannot create a ledger in " + parent + " (taken while created)");
}

void Ledger::note(const std::string& dir) {
  std::string name = path_ + "/" + noted_name(dir);
  if (::mknod(name.c_str(), S_IFREG | 0644, 0) != 0 && errno != EEXIST)
    fail_errno("cannot note " + dir + " in " + path_);
}

void settle_ledgers(const CacheRoot& cache, const std::string& own) {
  std::vector<std::string> covered;
  if (!own.empty()) covered.push_back(own);
  std::vector<UniqueFd> held;
  std::string boot = current_boot_id();
  std::string parent = unsynced_dir(cache);
  for (const std::string& name : dir_names(parent).value_or(std::vector<std::string>())) {
    std::string path = parent + "/" + name;
    if (path == own || boot.empty() || boot_of(name) != boot) continue;
    // Locked: its writer is gone, and published what it did before this sync.
    UniqueFd lock = try_lock_in_place(path);
    if (!lock.valid()) continue;
    held.push_back(std::move(lock));
    covered.push_back(path);
  }
  UniqueFd root(::open(cache.root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!root.valid() || ::syncfs(root.get()) != 0) return;
  for (const std::string& ledger : covered) retire(ledger);
}

Recovery recover_unsynced(const CacheRoot& cache) {
  Recovery result;
  std::string parent = unsynced_dir(cache);
  struct stat st;
  // Most file systems count a directory's subdirectories in its links:
  // 2 means no ledger at all, without reading the directory.
  if (::stat(parent.c_str(), &st) != 0 || st.st_nlink == 2) return result;
  std::string boot = current_boot_id();
  auto suspect = [&](const std::string& name) {
    if (!boot.empty()) return boot_of(name) != boot;
    return try_lock_in_place(parent + "/" + name).valid();
  };
  auto suspects = [&] {
    std::vector<std::string> found;
    for (const std::string& name : dir_names(parent).value_or(std::vector<std::string>()))
      if (suspect(name)) found.push_back(name);
    return found;
  };
  if (suspects().empty()) return result;

  // Builders out; a second run that waited here finds the work done.
  std::optional<DirLock> exclusive;
  try {
    make_dirs(cache.locks());
    exclusive.emplace(cache_lock_path(cache));
  } catch (const Error&) {
    result.blocked = true;
    return result;
  }
  std::vector<std::string> ledgers = suspects();
  if (ledgers.empty()) return result;
  if (::access(parent.c_str(), W_OK) != 0) {
    result.blocked = true;
    return result;
  }
  std::set<std::string> unit_dirs, venvs;
  for (const std::string& ledger : ledgers)
    for (const std::string& name :
         dir_names(parent + "/" + ledger).value_or(std::vector<std::string>())) {
      std::string dir = noted_dir(name);
      // Only names pexrc notes: "<kind>/<hash or key>", nothing to walk out by.
      size_t slash = dir.find('/');
      if (slash == std::string::npos || !is_safe_key(dir.substr(slash + 1)) ||
          !path_exists(cache.root + "/" + dir))
        continue;
      if (dir.starts_with("venvs/"))
        venvs.insert(dir);
      else if (dir.starts_with("wheels/") || dir.starts_with("code/"))
        unit_dirs.insert(dir);
    }
  std::vector<UnitVerdict> units;
  for (const std::string& dir : unit_dirs) units.push_back({dir, "", "", true});
  VerifyReport report = verify_units(cache, units, usable_cpus());
  result.checked = report.units.size();
  Trash trash(cache, "recover");
  bool all_done = true;
  for (const UnitVerdict& u : report.units) {
    if (u.problem.empty())
      remove_unvouched_bytecode(cache.root + "/" + u.dir);
    else if (trash.take(u.dir))
      ++result.damaged;
    else
      all_done = false;
  }
  for (const std::string& venv : venvs) {
    // Held by a run of this boot that started before the ledger was seen (a
    // launcher from before ledgers): left, and so is the ledger.
    UniqueFd lock = try_lock_in_place(cache.root + "/" + venv);
    if (lock.valid() && trash.take(venv))
      ++result.venvs;
    else
      all_done = false;
  }
  if (!all_done) return result;
  for (const std::string& ledger : ledgers) retire(parent + "/" + ledger);
  result.ledgers = ledgers.size();
  return result;
}

}  // namespace pexrc
