#include "runtime/cache/cache_root.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "common/error.h"
#include "common/file_io.h"
#include "common/text.h"
#include "runtime/cache/fs_ops.h"
#include "runtime/cache/ledger.h"
#include "runtime/cache/trust.h"
#include "runtime/cache/work_dirs.h"

namespace pexrc {
namespace {

constexpr const char* kMarker = "PEXRC-ROOT";
constexpr const char* kTemporaryPrefix = "pexrc-root.";
// Everything pexrc has ever made in a root ("launchers": stub copies of
// earlier versions; "unsynced": ledgers, runtime/cache/ledger.h).
constexpr const char* kLayout[] = {"interpreters", "wheels", "code",      "venvs",
                                   "locks",        "work",   "launchers", "unsynced"};

const char* non_empty_env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

void write_if_missing(const std::string& path, const std::string& content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST) return;
    fail_errno("cannot mark the cache root: " + path);
  }
  UniqueFd owner(fd);
  write_all(fd, content, path);
}

// The marker goes first: a concurrent first run that finds the new root
// holding anything must find the marker too, or it would take the root for
// someone else's (claim_root). The tag follows, and is added to a marked
// root that lacks it (a run killed in between).
void mark_root(const std::string& root) {
  write_if_missing(root + "/" + kMarker, "pexrc cache root\n");
  write_if_missing(
      root + "/CACHEDIR.TAG",
      "Signature: 8a477f597d28d172789f06886806bc55\n"
      "# This file is a cache directory tag created by pexrc.\n"
      "# For information about cache directory tags see https://bford.info/cachedir/\n");
}

bool has_marker(int dir_fd) { return ::faccessat(dir_fd, kMarker, F_OK, AT_SYMLINK_NOFOLLOW) == 0; }

// The effective user's home directory as /etc/passwd gives it, read by
// hand (a static launcher cannot load glibc's NSS modules); "" if there is
// no entry or its directory does not exist.
std::string passwd_home() {
  std::string text;
  if (!read_small_file("/etc/passwd", text)) return "";
  std::string uid = std::to_string(::geteuid());
  for (std::string_view line : split(text, '\n')) {
    std::vector<std::string_view> fields = split(line, ':');  // name:pw:uid:gid:gecos:home:shell
    if (fields.size() < 7 || fields[2] != uid) continue;
    std::string home(fields[5]);
    struct stat st;
    return !home.empty() && home[0] == '/' && ::stat(home.c_str(), &st) == 0 && S_ISDIR(st.st_mode)
               ? home
               : "";
  }
  return "";
}

// Where the variables (or, without HOME, the passwd entry, as Python's
// expanduser does) put the root; nullopt and why not if nowhere.
std::optional<CacheRoot> placed_root(std::string& why) {
  std::string root;
  if (const char* v = non_empty_env("PEXRC_ROOT")) root = v;
  // Users who moved pex's cache want pexrc's beside it.
  else if (const char* v = non_empty_env("PEX_ROOT"))
    root = std::string(v) + "/pexrc";
  else if (const char* v = non_empty_env("XDG_CACHE_HOME"))
    root = std::string(v) + "/pexrc";
  else if (const char* v = non_empty_env("HOME"))
    root = std::string(v) + "/.cache/pexrc";
  else if (std::string home = passwd_home(); !home.empty())
    root = home + "/.cache/pexrc";
  if (root.empty()) {
    why = "HOME is not set, and /etc/passwd names no existing home directory for uid " +
          std::to_string(::geteuid());
    return std::nullopt;
  }
  return CacheRoot{resolve_existing_part(root), false, ""};
}

// Roots of earlier runs that died without removing theirs (SIGKILL, SIGTERM
// before Python's atexit): ours, marked, and unlocked, so their app is gone.
void sweep_dead_temporary_roots(const std::string& tmp) {
  for (const std::string& name : dir_names(tmp).value_or(std::vector<std::string>())) {
    if (name.rfind(kTemporaryPrefix, 0) != 0) continue;
    std::string path = tmp + "/" + name;
    UniqueFd lock = try_lock_in_place(path);
    struct stat st;
    if (!lock.valid() || ::fstat(lock.get(), &st) != 0 || !S_ISDIR(st.st_mode) ||
        st.st_uid != ::geteuid() || !has_marker(lock.get()))
      continue;
    remove_tree(path);
  }
}

// TMPDIR (else /tmp), absolute; "" and why not if it does not exist or
// another user could move what is in it (trusted as an ancestor: /tmp is).
std::string temporary_dir(std::string& why) {
  const char* given = non_empty_env("TMPDIR");
  std::string tmp = resolve_existing_part(given ? given : "/tmp");
  why = deepest_existing(tmp) != tmp ? tmp + " does not exist" : distrust_of_chain(tmp, true);
  return why.empty() ? tmp : "";
}

// A private root in the temporary directory, locked for the app's lifetime
// so that only dead runs' roots are swept (by the cold start that follows,
// sweep_dead_temporary_roots()).
CacheRoot make_temporary_root(const std::string& shared) {
  std::string why;
  std::string tmp = temporary_dir(why);
  if (tmp.empty()) fail(Status::kUntrusted, "cannot create a private temporary cache root: " + why);
  std::string root = tmp + "/" + kTemporaryPrefix + "XXXXXX";
  if (!::mkdtemp(root.data())) fail_errno("cannot create a temporary cache root in " + tmp);
  // Not close-on-exec, and never closed: the app (or the tools) inherits the
  // lock and holds it until it exits, as with a venv's lock.
  int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
  if (fd < 0 || ::flock(fd, LOCK_EX) != 0) {
    int saved = errno;
    ::rmdir(root.c_str());
    errno = saved;
    fail_errno("cannot lock the temporary cache root " + root);
  }
  mark_root(root);
  return CacheRoot{root, true, shared};
}

// As pex does: run anyway from a private temporary root, removed when the
// app exits (see the boot script), and say so once.
CacheRoot fallback_for(const CacheRoot& cache, const std::string& why, const std::string& shared) {
  CacheRoot temporary = make_temporary_root(shared);
  warn("not using the cache root " + cache.root + ": " + why + "; using " + temporary.root +
       " for this run");
  return temporary;
}

}  // namespace

std::string lock_path_for(const CacheRoot& cache, const std::string& dest) {
  std::string rel = dest.substr(cache.root.size() + 1);
  std::replace(rel.begin(), rel.end(), '/', '-');
  return cache.locks() + "/" + rel + ".lck";
}

CacheRoot cache_root_from_env() {
  std::string why;
  std::optional<CacheRoot> cache = placed_root(why);
  if (!cache) fail(Status::kIo, "cannot place the cache: " + why + "; set PEXRC_ROOT");
  return *cache;
}

std::string distrust_of_root(const CacheRoot& cache) {
  std::string existing = deepest_existing(cache.root);
  bool exists = existing == cache.root;
  std::string why = distrust_of_chain(existing, !exists);
  if (!why.empty() || !exists) return why;
  for (const char* name : kLayout) {
    std::string path = cache.root + "/" + name;
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) continue;
    why = distrust_of(st, false);
    if (!why.empty()) return path + " " + why;
  }
  return "";
}

std::string claim_root(const CacheRoot& cache) {
  make_dirs(cache.root);
  // Checked again: what was created just now may have been raced (in a
  // sticky /tmp, another user can make the directory first).
  std::string why = distrust_of_root(cache);
  if (!why.empty()) return why;
  std::optional<std::vector<std::string>> names = dir_names(cache.root);
  if (!names) return cache.root + " cannot be read";
  if (std::find(names->begin(), names->end(), kMarker) != names->end()) {
    if (std::find(names->begin(), names->end(), "CACHEDIR.TAG") == names->end())
      mark_root(cache.root);
    return "";
  }
  auto pexrcs = [](const std::string& n) {
    return n == "CACHEDIR.TAG" ||
           std::find(std::begin(kLayout), std::end(kLayout), n) != std::end(kLayout);
  };
  bool earlier_pexrc = std::all_of(names->begin(), names->end(), pexrcs) &&
                       path_exists(cache.locks() + "/cache.lck");
  if (!names->empty() && !earlier_pexrc)
    return cache.root + " is not a pexrc cache (it holds other files and no " + kMarker +
           " marker), so pexrc neither writes nor deletes there";
  mark_root(cache.root);
  return "";
}

CacheRoot trusted_root_or_fallback() {
  std::string why;
  std::optional<CacheRoot> cache = placed_root(why);
  if (!cache) {
    CacheRoot temporary = make_temporary_root("");
    warn("no cache root: " + why + "; using " + temporary.root +
         " for this run (set PEXRC_ROOT to keep one)");
    return temporary;
  }
  why = distrust_of_root(*cache);
  if (!why.empty()) return fallback_for(*cache, why, "");
  Recovery recovery = recover_unsynced(*cache);
  if (recovery.blocked)
    return fallback_for(*cache,
                        "it holds entries written before an unclean shutdown, which only its "
                        "owner can check",
                        "");
  if (recovery.damaged)
    warn(cache->root + ": checked " + std::to_string(recovery.checked) +
         " cache entries written just before an unclean shutdown; " +
         std::to_string(recovery.damaged) + " damaged, extracted again");
  return *cache;
}

CacheRoot root_for_housekeeping() {
  CacheRoot cache = cache_root_from_env();
  std::string why = distrust_of_root(cache);
  if (why.empty() && path_exists(cache.root)) why = claim_root(cache);
  if (!why.empty()) fail(Status::kUntrusted, "refusing the cache root " + cache.root + ": " + why);
  return cache;
}

void sweep_dead_temporary_roots() {
  std::string why;
  std::string tmp = temporary_dir(why);
  if (!tmp.empty()) sweep_dead_temporary_roots(tmp);
}

std::optional<CacheRoot> writable_or_fallback(const CacheRoot& cache) {
  if (cache.temporary) return std::nullopt;
  std::string why;
  bool reusable = false;
  try {
    why = claim_root(cache);
    reusable = why.empty();
    if (why.empty() && ::access(cache.root.c_str(), W_OK) != 0)
      why = cache.root + " is not writable";
    if (why.empty()) return std::nullopt;
  } catch (const Error& e) {
    why = e.what();
  }
  return fallback_for(cache, why, reusable ? cache.root : "");
}

}  // namespace pexrc
