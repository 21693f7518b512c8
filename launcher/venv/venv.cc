#include "launcher/venv/venv.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <vector>

#include "common/error.h"
#include "common/file_io.h"
#include "common/json.h"
#include "common/json_path.h"
#include "common/sha256.h"
#include "common/text.h"
#include "launcher/extract/extract.h"
#include "launcher/venv/boot_script.h"
#include "runtime/cache/fs_ops.h"
#include "runtime/cache/work_dirs.h"

namespace pexrc {
namespace {

// Bump whenever the venv's layout or boot script changes meaning.
constexpr const char* kVenvFormat = "pexrc-venv-4";  // 4: __pycache__ merged per file

std::string basename(const std::string& path) { return path.substr(path.rfind('/') + 1); }

std::vector<std::string> list_dir(const std::string& dir) {
  std::optional<std::vector<std::string>> names = dir_names(dir);
  if (!names) fail_errno("cannot read " + dir);
  return std::move(*names);
}

bool is_dir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

void make_symlink(const std::string& target, const std::string& link) {
  if (::symlink(target.c_str(), link.c_str()) != 0) fail_errno("cannot link " + link);
}

// Wheel chroots carry pex's bookkeeping next to the importable code; none of
// it belongs in site-packages.
bool is_pex_metadata(const std::string& name) {
  return name == ".layout.json" || name == ".prefix" ||
         (name.size() > 9 && name.compare(name.size() - 9, 9, ".pex-info") == 0);
}

// How site-packages refers to the units' files: symlinks, or (a PEX built
// with --venv-site-packages-copies) real directories holding hard links to
// them, copies where the units lie on another file system (a shared root),
// so that nothing an app finds under site-packages is a symlink.
enum class Linking { kSymlinks, kFiles };

void place_file(const std::string& from, const std::string& to) {
  if (::link(from.c_str(), to.c_str()) == 0) return;
  UniqueFd in = open_for_reading(from);
  struct stat st;
  if (::fstat(in.get(), &st) != 0) fail_errno("cannot read " + from);
  UniqueFd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, st.st_mode & 0777));
  if (!out.valid()) fail_errno("cannot create " + to);
  copy_range(in.get(), from, 0, out.get(), to, 0, uint64_t(st.st_size));
}

void place(const std::string& from, const std::string& to, Linking how) {
  if (how == Linking::kFiles)
    place_file(from, to);
  else
    make_symlink(from, to);
}

// Whether site-packages' `source` is the unit's file `original`.
bool same_source(const std::string& source, const std::string& original, Linking how) {
  if (how == Linking::kFiles) {
    struct stat a, b;
    return ::lstat(source.c_str(), &a) == 0 && ::stat(original.c_str(), &b) == 0 &&
           a.st_dev == b.st_dev && a.st_ino == b.st_ino;
  }
  char target[4096];
  ssize_t n = ::readlink(source.c_str(), target, sizeof target - 1);
  return n > 0 && std::string(target, size_t(n)) == original;
}

// Links each .pyc of `from` (src's __pycache__) into `to` (dst's) only where
// dst's source of that module is src's: a .pyc is unchecked, so one beside
// a source from another unit (the app's six.py over a wheel's) would run
// the other unit's code.
void link_bytecode(const std::string& src, const std::string& dst, const std::string& from,
                   const std::string& to, Linking how) {
  for (const std::string& pyc : list_dir(from)) {
    std::string module = pyc.substr(0, pyc.find('.'));
    if (!same_source(dst + "/" + module + ".py", src + "/" + module + ".py", how)) continue;
    struct stat st;
    if (::lstat((to + "/" + pyc).c_str(), &st) != 0) place(from + "/" + pyc, to + "/" + pyc, how);
  }
}

// Mirrors `src` into `dst`, merging directories that several sources share
// (namespace packages spread over wheels): with symlinks, by turning a
// linked directory back into a real one that links both sides' children.
// On a file clash the first source wins, matching sys.path order.
void link_tree(const std::string& src, const std::string& dst, bool skip_pex_metadata,
               Linking how) {
  for (const std::string& name : list_dir(src)) {
    if ((skip_pex_metadata && is_pex_metadata(name)) || is_unit_bookkeeping(name)) continue;
    std::string from = src + "/" + name, to = dst + "/" + name;
    struct stat st;
    if (name == "__pycache__" && is_dir(from)) continue;  // below, once the sources are linked
    bool exists = ::lstat(to.c_str(), &st) == 0;
    if (how == Linking::kFiles && is_dir(from)) {
      if (!exists) make_dirs(to);
      if (exists && !S_ISDIR(st.st_mode)) continue;
      link_tree(from, to, false, how);
      continue;
    }
    if (!exists) {
      place(from, to, how);
      continue;
    }
    if (!is_dir(from) || !is_dir(to)) continue;
    if (S_ISLNK(st.st_mode)) {
      char target[4096];
      ssize_t n = ::readlink(to.c_str(), target, sizeof target - 1);
      if (n <= 0) fail_errno("cannot read link " + to);
      std::string earlier(target, size_t(n));
      if (::unlink(to.c_str()) != 0) fail_errno("cannot replace " + to);
      make_dirs(to);
      link_tree(earlier, to, false, how);
    }
    link_tree(from, to, false, how);
  }
  // A __pycache__ is never linked whole: .pyc files Python (or the
  // background compile) writes there for other units' modules would land in
  // this unit, which other apps share, and be taken there for theirs.
  std::string from = src + "/__pycache__", to = dst + "/__pycache__";
  if (is_dir(from)) {
    struct stat st;
    if (::lstat(to.c_str(), &st) != 0) make_dirs(to);
    link_bytecode(src, dst, from, to, how);
  }
}

// Installs a wheel's scripts (pex keeps them under .prefix/bin with a
// "#!python" placeholder, as wheel installers expect) into bin/, pointing them
// at this venv's interpreter; -sE keeps them hermetic as pex's venv scripts
// are (venv_hermetic_scripts).
void install_scripts(const std::string& prefix_bin, const std::string& bin_dir,
                     const std::string& python, bool hermetic) {
  if (!is_dir(prefix_bin)) return;
  make_dirs(bin_dir);
  for (const std::string& name : list_dir(prefix_bin)) {
    std::string to = bin_dir + "/" + name;
    if (path_exists(to)) continue;  // the interpreter's own names, or an earlier wheel's script
    std::string content;
    if (!read_small_file(prefix_bin + "/" + name, content))
      fail_errno("cannot read " + prefix_bin + "/" + name);
    if (content.starts_with("#!python")) {
      size_t eol = content.find('\n');
      content.replace(0, eol == std::string::npos ? content.size() : eol,
                      "#!" + python + (hermetic ? " -sE" : ""));
    }
    write_new_file(to, content, 0755);
  }
}

// What housekeeping needs to know about a venv without walking it: the app
// that built it, its interpreter, and the cache units it links to.
std::string venv_manifest(const AppVenv& venv, const std::string& pex_path,
                          const Interpreter& python, const ExtractPlan& plan,
                          const CacheRoot& cache) {
  nlohmann::json units = nlohmann::json::array();
  for (const std::vector<CacheItem>* items : {&plan.code, &plan.wheels})
    for (const CacheItem& item : *items)
      // A unit reused from a shared root (a temporary root's venv) keeps its full path.
      units.push_back({{"dir", path_to_json(item.dest.starts_with(cache.root + "/")
                                                ? item.dest.substr(cache.root.size() + 1)
                                                : item.dest)},
                       {"name", item.label}});
  nlohmann::json j{{"app", path_to_json(pex_path)},
                   {"python", path_to_json(python.executable)},
                   {"build", venv.build},
                   {"units", units}};
  return j.dump();
}

}  // namespace

AppVenv venv_location(const CacheRoot& cache, const std::string& pex_info_text,
                      const Interpreter& python) {
  Sha256 h;
  h.update(std::string_view(kVenvFormat));
  uint64_t boot = boot_script_fingerprint();
  h.update(&boot, sizeof boot);
  for (const std::string* part : {&pex_info_text, &python.executable, &python.version_text}) {
    h.update(std::string_view("\0", 1));
    h.update(*part);
  }
  auto digest = h.finish();
  AppVenv v;
  v.dir = cache.venvs() + "/" + to_hex(digest.data(), 16);
  v.is_venv = python.supports_venv();
  v.python = v.is_venv ? v.dir + "/bin/" + basename(python.executable) : python.executable;
  v.boot = v.dir + "/pexrc-boot.py";
  return v;
}

void build_venv(const AppVenv& venv, const Interpreter& python, const ExtractPlan& plan,
                const PexInfo& info, const std::string& pex_info_text, const std::string& pex_path,
                const CacheRoot& cache, Ledger* ledger, const Trace& trace) {
  std::string boot = boot_script(info, pex_path, python.site_packages, !venv.is_venv);
  make_dirs(cache.locks());
  DirLock lock(lock_path_for(cache, venv.dir));
  if (path_exists(venv.dir)) return;

  WorkDir work(cache.work(), "venv");
  const std::string& w = work.path();
  if (venv.is_venv) {
    // The interpreter under its own name plus the usual aliases; PyPy finds
    // its standard library through the name it is started as.
    make_dirs(w + "/bin");
    const auto& r = python.facts.version.release;
    std::string major = std::to_string(r[0]);
    std::string name = basename(python.executable);
    std::set<std::string> names = {name, "python", "python" + major};
    if (r.size() > 1) names.insert("python" + major + "." + std::to_string(r[1]));
    for (const std::string& n : names) make_symlink(python.executable, w + "/bin/" + n);
    std::string home = python.executable.substr(0, python.executable.rfind('/'));
    // site.py reads pyvenv.cfg as UTF-8: an interpreter in a directory whose
    // name is not gets there through a link of the venv's own.
    if (!is_valid_utf8(home)) {
      make_symlink(home, w + "/pexrc-home");
      home = venv.dir + "/pexrc-home";
      if (!is_valid_utf8(home))
        fail(Status::kUnsupported,
             python.executable + ": its directory's name is not UTF-8, nor is the cache root's (" +
                 cache.root +
                 "), and a venv's pyvenv.cfg must name one of them in UTF-8; set "
                 "PEXRC_ROOT to a directory whose name is");
    }
    write_new_file(w + "/pyvenv.cfg", "home = " + home + "\ninclude-system-site-packages = " +
                                          (info.venv_system_site_packages ? "true" : "false") +
                                          "\nversion = " + python.version_text + "\n");
  }
  std::string site = w + "/" + python.site_packages;
  make_dirs(site);
  Linking how = info.venv && info.venv_site_packages_copies ? Linking::kFiles : Linking::kSymlinks;
  // The app's own code goes first so that it shadows wheels, as it does in pex.
  for (const CacheItem& code : plan.code) link_tree(code.dest, site, false, how);
  for (const CacheItem& wheel : plan.wheels) {
    link_tree(wheel.dest, site, true, how);
    // What a wheel installs outside its importable root sits under .prefix/
    // in pex's chroot, by install scheme key: data files go to the venv's
    // root (a venv is their prefix), purelib/platlib to site-packages,
    // headers and the like under the root by name, scripts into bin/.
    std::string prefix = wheel.dest + "/.prefix";
    if (!is_dir(prefix)) continue;
    for (const std::string& name : list_dir(prefix)) {
      if (name == "bin") continue;
      std::string target = w + "/" + name;
      if (name == "data") target = w;
      if (name == "purelib" || name == "platlib") target = site;
      make_dirs(target);
      link_tree(prefix + "/" + name, target, false, how);
    }
    install_scripts(prefix + "/bin", w + "/bin", venv.is_venv ? venv.python : python.executable,
                    venv.is_venv && info.venv_hermetic_scripts);
  }
  write_new_file(w + "/PEX-INFO", pex_info_text);
  write_new_file(w + "/pexrc-boot.py", boot);
  write_new_file(w + "/" + kVenvManifestName, venv_manifest(venv, pex_path, python, plan, cache));
  if (ledger) ledger->note(venv.dir.substr(cache.root.size() + 1));
  work.publish(venv.dir);
  trace.log(2, "built venv " + venv.dir);
}

}  // namespace pexrc
