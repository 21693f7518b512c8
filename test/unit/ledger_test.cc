#include "runtime/cache/ledger.h"

#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <string>

#include "common/content_hash.h"
#include "common/file_io.h"
#include "common/json_path.h"
#include "runtime/cache/fs_ops.h"

namespace pexrc {
namespace {

// A cache root of its own under /tmp, removed afterwards.
struct TempRoot {
  CacheRoot cache;
  TempRoot() {
    char name[] = "/tmp/pexrc-ledger-test-XXXXXX";
    REQUIRE(::mkdtemp(name));
    cache.root = name;
  }
  ~TempRoot() { remove_tree(cache.root); }
};

// A unit "wheels/<hash>" holding one file `a.py` with `content`, and its
// manifest, as extraction publishes it.
std::string make_unit(const CacheRoot& cache, const std::string& content) {
  FileHasher file;
  file.update(content.data(), content.size());
  UnitHasher unit;
  unit.add_file("a.py", false, content.size(), file.finish());
  std::string dir = "wheels/" + unit.finish();
  make_dirs(cache.root + "/" + dir + "/__pycache__");
  write_new_file(cache.root + "/" + dir + "/a.py", content);
  write_new_file(cache.root + "/" + dir + "/" + kUnitManifestName, unit.text());
  write_new_file(cache.root + "/" + dir + "/__pycache__/a.cpython-311.pyc", "compiled later");
  return dir;
}

// A ledger as a crash before its sync leaves it, but of another boot.
void ledger_of_earlier_boot(const CacheRoot& cache, const std::vector<std::string>& dirs) {
  std::string ledger = cache.root + "/unsynced/00000000-0000-0000-0000-000000000000.abcdef";
  make_dirs(ledger);
  for (std::string dir : dirs) {
    std::replace(dir.begin(), dir.end(), '/', '.');
    write_new_file(ledger + "/" + dir, "");
  }
}

TEST_CASE("paths in JSON: UTF-8 as a string, any other bytes as hex, read back alike") {
  CHECK(path_to_json("/opt/app/é.pexrc") == nlohmann::json("/opt/app/é.pexrc"));
  std::string odd = "/tmp/dir-\xff\xfe/app";
  nlohmann::json j = path_to_json(odd);
  CHECK(j == nlohmann::json{{"hex", "2f746d702f6469722dfffe2f617070"}});
  CHECK(path_from_json(j) == odd);
  CHECK(path_from_json(nlohmann::json::parse(j.dump())) == odd);
  CHECK(path_member(nlohmann::json{{"app", j}}, "app") == odd);
  CHECK(!path_from_json(nlohmann::json{{"hex", "2f7"}}));  // odd length
  CHECK(!path_from_json(nlohmann::json{{"hex", "zz"}}));
  CHECK(!path_from_json(nlohmann::json(7)));
  CHECK(path_member(nlohmann::json::object(), "app") == "");
  // A lone surrogate's UTF-8 form is not UTF-8: hex, never a string nlohmann refuses.
  CHECK(path_to_json("\xed\xb3\xbf").is_object());
}

TEST_CASE("ledger: notes made before publishing; settled by a sync, then gone") {
  TempRoot t;
  Ledger ledger(t.cache);
  CHECK(ledger.path().rfind(t.cache.root + "/unsynced/", 0) == 0);
  std::string boot = current_boot_id();
  if (!boot.empty()) CHECK(ledger.path().find("/" + boot + ".") != std::string::npos);
  ledger.note("wheels/abc");
  ledger.note("venvs/def");
  ledger.note("venvs/def");  // twice is once
  CHECK(dir_names(ledger.path()) == std::vector<std::string>{"venvs.def", "wheels.abc"});
  // A ledger of this boot is no crash's: nothing to recover.
  Recovery nothing = recover_unsynced(t.cache);
  CHECK(nothing.ledgers == 0);
  CHECK(path_exists(ledger.path()));
  settle_ledgers(t.cache, ledger.path());
  CHECK(!path_exists(ledger.path()));
  CHECK(dir_names(t.cache.root + "/unsynced")->empty());
}

TEST_CASE("ledger: a ledger of an earlier boot names what to check; damage goes") {
  TempRoot t;
  std::string sound = make_unit(t.cache, "print('sound')\n");
  std::string torn = make_unit(t.cache, "print('torn')\n");
  // A power cut left the second unit's file empty; the venv is suspect too.
  REQUIRE(::truncate((t.cache.root + "/" + torn + "/a.py").c_str(), 0) == 0);
  make_dirs(t.cache.root + "/venvs/v1");
  make_dirs(t.cache.root + "/venvs/v2");  // not in the ledger: kept
  // Names pexrc never notes ("venvs/..": the whole venvs/) are passed over.
  ledger_of_earlier_boot(t.cache, {sound, torn, "venvs/v1", "wheels/gone", "venvs/.."});
  Recovery r = recover_unsynced(t.cache);
  CHECK(r.ledgers == 1);
  CHECK(r.checked == 2);
  CHECK(r.damaged == 1);
  CHECK(r.venvs == 1);
  CHECK(!r.blocked);
  CHECK(path_exists(t.cache.root + "/" + sound + "/a.py"));
  // Bytecode nobody vouches for may be torn too: gone, Python compiles again.
  CHECK(!path_exists(t.cache.root + "/" + sound + "/__pycache__/a.cpython-311.pyc"));
  CHECK(!path_exists(t.cache.root + "/" + torn));
  CHECK(!path_exists(t.cache.root + "/venvs/v1"));
  CHECK(path_exists(t.cache.root + "/venvs/v2"));
  CHECK(path_exists(t.cache.root + "/venvs"));
  CHECK(dir_names(t.cache.root + "/unsynced")->empty());
  // Done once: the next run finds nothing.
  CHECK(recover_unsynced(t.cache).ledgers == 0);
}

TEST_CASE("ledger: settling adopts a dead writer's ledger of this boot, never a live one's") {
  TempRoot t;
  std::string boot = current_boot_id();
  if (boot.empty()) return;  // no boot id here: nothing is adopted (checked after a reboot)
  std::string dead = t.cache.root + "/unsynced/" + boot + ".dead00";
  make_dirs(dead);
  Ledger live(t.cache);
  Ledger own(t.cache);
  settle_ledgers(t.cache, own.path());
  CHECK(!path_exists(own.path()));
  CHECK(!path_exists(dead));
  CHECK(path_exists(live.path()));  // its writer (this test) still holds it
}

}  // namespace
}  // namespace pexrc
