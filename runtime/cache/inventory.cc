#include "runtime/cache/inventory.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <map>

#include "common/file_io.h"
#include "common/json.h"
#include "common/json_path.h"
#include "common/text.h"
#include "runtime/cache/fs_ops.h"
#include "runtime/cache/work_dirs.h"

namespace pexrc {
namespace {

std::vector<std::string> names_in(const std::string& dir) {
  return dir_names(dir).value_or(std::vector<std::string>());
}

uint64_t usage_at(int parent, const char* name) {
  struct stat st;
  if (::fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return 0;
  uint64_t total = uint64_t(st.st_blocks) * 512;
  if (!S_ISDIR(st.st_mode)) return total;
  int fd = ::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return total;
  DIR* d = ::fdopendir(fd);
  if (!d) {
    ::close(fd);
    return total;
  }
  while (struct dirent* e = ::readdir(d)) {
    if (e->d_name[0] == '.' && (e->d_name[1] == 0 || (e->d_name[1] == '.' && e->d_name[2] == 0)))
      continue;
    total += usage_at(fd, e->d_name);
  }
  ::closedir(d);
  return total;
}

int64_t mtime_of(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 ? int64_t(st.st_mtim.tv_sec) : 0;
}

// A wheel unit's name when no venv tells it: its .dist-info directory.
std::string unit_name(const std::string& path) {
  for (const std::string& n : names_in(path)) {
    std::string_view stem = n;
    if (consume_suffix(stem, ".dist-info") && !stem.empty()) return std::string(stem);
  }
  return "";
}

CacheEntry read_venv(const CacheRoot& cache, const std::string& key) {
  CacheEntry v;
  v.dir = "venvs/" + key;
  std::string path = cache.root + "/" + v.dir;
  v.bytes = disk_usage(path);
  v.last_use = mtime_of(path);
  // Exclusive for an instant: free means no app holds it.
  v.in_use = !try_lock_in_place(path).valid();
  VenvManifest manifest = read_venv_manifest(path);
  v.name = std::move(manifest.app);
  v.python = std::move(manifest.python);
  v.build = std::move(manifest.build);
  v.units = std::move(manifest.units);
  v.manifest_sound = manifest.sound;
  v.built = mtime_of(path + "/" + kVenvManifestName);
  return v;
}

}  // namespace

VenvManifest read_venv_manifest(const std::string& venv_dir) {
  VenvManifest m;
  std::string text;
  if (!read_small_file(venv_dir + "/" + kVenvManifestName, text)) return m;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return m;
  m.app = path_member(j, "app");
  m.python = path_member(j, "python");
  if (auto it = j.find("build"); it != j.end() && it->is_string()) m.build = it->get<std::string>();
  auto units = j.find("units");
  m.sound = !m.app.empty() && !m.python.empty() && units != j.end() && units->is_array();
  if (!m.sound) return m;
  for (const auto& u : *units) {
    std::string dir = u.is_object() ? path_member(u, "dir") : "";
    if (dir.empty())
      m.sound = false;
    else
      m.units.push_back(std::move(dir));
  }
  return m;
}

std::vector<std::string> missing_units(const CacheRoot& cache, const std::string& venv_dir) {
  std::vector<std::string> missing;
  for (std::string& unit : read_venv_manifest(venv_dir).units)
    if (!path_exists(cache.root + "/" + unit)) missing.push_back(std::move(unit));
  return missing;
}

uint64_t disk_usage(const std::string& path) { return usage_at(AT_FDCWD, path.c_str()); }

uint64_t Inventory::total_bytes() const {
  uint64_t total = other_bytes;
  for (const std::vector<CacheEntry>* list : {&venvs, &wheels, &code})
    for (const CacheEntry& e : *list) total += e.bytes;
  return total;
}

Inventory take_inventory(const CacheRoot& cache) {
  Inventory inv;
  std::map<std::string, int64_t> linked;  // unit dir -> latest use of a venv linking it
  for (const std::string& key : names_in(cache.venvs())) {
    inv.venvs.push_back(read_venv(cache, key));
    for (const std::string& u : inv.venvs.back().units)
      linked[u] = std::max(linked[u], inv.venvs.back().last_use);
  }
  auto units = [&](const std::string& kind, std::vector<CacheEntry>& out) {
    for (const std::string& hash : names_in(cache.root + "/" + kind)) {
      CacheEntry u;
      u.dir = kind + "/" + hash;
      std::string path = cache.root + "/" + u.dir;
      u.bytes = disk_usage(path);
      auto it = linked.find(u.dir);
      u.in_use = it != linked.end();
      u.last_use = u.in_use ? it->second : mtime_of(path);
      u.name = kind == "code" ? "user code" : unit_name(path);
      out.push_back(std::move(u));
    }
  };
  units("wheels", inv.wheels);
  units("code", inv.code);
  for (const std::string& dir :
       {cache.interpreters(), cache.root + "/launchers", cache.locks(), cache.work()})
    inv.other_bytes += disk_usage(dir);
  inv.work_entries = names_in(cache.work()).size();
  return inv;
}

}  // namespace pexrc
