#include "runtime/cache/trust.h"

#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "runtime/cache/cache_root.h"
#include "runtime/cache/fs_ops.h"

namespace pexrc {
namespace {

struct stat dir_stat(uid_t uid, mode_t mode) {
  struct stat st {};
  st.st_uid = uid;
  st.st_mode = S_IFDIR | mode;
  return st;
}

// A private directory under /tmp, removed afterwards.
struct TempDir {
  std::string path;
  TempDir() {
    char name[] = "/tmp/pexrc-trust-test-XXXXXX";
    REQUIRE(::mkdtemp(name));
    char resolved[4096];
    REQUIRE(::realpath(name, resolved));
    path = resolved;
  }
  ~TempDir() { remove_tree(path); }
};

TEST_CASE("trust: owner and mode of one directory") {
  uid_t me = ::geteuid();
  CHECK(distrust_of(dir_stat(me, 0755), false) == "");
  CHECK(distrust_of(dir_stat(0, 0755), false) == "");
  CHECK(distrust_of(dir_stat(me, 0700), false) == "");
  uid_t other = me == 4242 ? 4243 : 4242;
  CHECK(distrust_of(dir_stat(other, 0755), false) ==
        "is owned by uid " + std::to_string(other) + ", neither you nor root");
  CHECK(distrust_of(dir_stat(me, 0775), false) == "is writable by its group");
  CHECK(distrust_of(dir_stat(me, 0757), false) == "is writable by others");
  // Sticky and writable by all (/tmp): fine above a root, not as one.
  CHECK(distrust_of(dir_stat(0, 01777), true) == "");
  CHECK(distrust_of(dir_stat(0, 01777), false) == "is writable by others");
  CHECK(distrust_of(dir_stat(me, 0777), true) == "is writable by others");
  struct stat link {};
  link.st_mode = S_IFLNK | 0777;
  CHECK(distrust_of(link, true) == "is a symbolic link");
  struct stat file {};
  file.st_mode = S_IFREG | 0644;
  CHECK(distrust_of(file, true) == "is not a directory");
}

TEST_CASE("trust: resolving the existing part of a path") {
  CHECK(resolve_existing_part("/") == "/");
  CHECK(deepest_existing("/nonexistent-pexrc/a/b") == "/");
  // Below / itself: the missing rest keeps its leading slash.
  CHECK(resolve_existing_part("/nonexistent-pexrc/.cache/pexrc") ==
        "/nonexistent-pexrc/.cache/pexrc");
  TempDir dir;
  REQUIRE(::mkdir((dir.path + "/real").c_str(), 0755) == 0);
  REQUIRE(::symlink("real", (dir.path + "/link").c_str()) == 0);
  CHECK(resolve_existing_part(dir.path + "/link/root/") == dir.path + "/real/root");
  CHECK(resolve_existing_part(dir.path + "/link") == dir.path + "/real");
  CHECK(deepest_existing(dir.path + "/real/x/y") == dir.path + "/real");
  char cwd[4096];
  REQUIRE(::getcwd(cwd, sizeof cwd));
  REQUIRE(::chdir(dir.path.c_str()) == 0);
  CHECK(resolve_existing_part("t/pexrc") == dir.path + "/t/pexrc");
  REQUIRE(::chdir(cwd) == 0);
}

TEST_CASE("trust: a chain is judged from the top, naming the first problem") {
  TempDir dir;
  CHECK(distrust_of_chain(dir.path) == "");
  std::string open = dir.path + "/open";
  REQUIRE(::mkdir(open.c_str(), 0755) == 0);
  REQUIRE(::chmod(open.c_str(), 0777) == 0);
  REQUIRE(::mkdir((open + "/inner").c_str(), 0755) == 0);
  CHECK(distrust_of_chain(open + "/inner") == open + " is writable by others");
  REQUIRE(::chmod(open.c_str(), 01777) == 0);
  CHECK(distrust_of_chain(open + "/inner") == "");
  CHECK(distrust_of_chain(open) == open + " is writable by others");
  CHECK(distrust_of_chain(open, true) == "");
}

TEST_CASE("trust: a root is claimed only when empty or pexrc's") {
  TempDir dir;
  CacheRoot fresh{dir.path + "/fresh", false, ""};
  CHECK(claim_root(fresh) == "");
  CHECK(path_exists(fresh.root + "/PEXRC-ROOT"));
  CHECK(path_exists(fresh.root + "/CACHEDIR.TAG"));
  CHECK(claim_root(fresh) == "");
  CacheRoot scratch{dir.path + "/scratch", false, ""};
  make_dirs(scratch.root + "/work");
  write_new_file(scratch.root + "/notes.txt", "mine");
  CHECK(claim_root(scratch) ==
        scratch.root +
            " is not a pexrc cache (it holds other files and no PEXRC-ROOT marker), "
            "so pexrc neither writes nor deletes there");
  CHECK(!path_exists(scratch.root + "/PEXRC-ROOT"));
  // A root of an earlier pexrc: only pexrc's names, and its cache lock.
  CacheRoot earlier{dir.path + "/earlier", false, ""};
  make_dirs(earlier.locks());
  make_dirs(earlier.venvs());
  write_new_file(earlier.locks() + "/cache.lck", "");
  CHECK(claim_root(earlier) == "");
  CHECK(path_exists(earlier.root + "/PEXRC-ROOT"));
  CacheRoot linked{dir.path + "/linked", false, ""};
  make_dirs(linked.root);
  REQUIRE(::symlink("/tmp", linked.work().c_str()) == 0);
  CHECK(distrust_of_root(linked) == linked.work() + " is a symbolic link");
  CHECK(claim_root(linked) == linked.work() + " is a symbolic link");
}

}  // namespace
}  // namespace pexrc
