#include "runtime/cache/eviction.h"

#include <doctest/doctest.h>

#include "runtime/cache/cache_limits.h"

namespace pexrc {
namespace {

constexpr int64_t kNow = 1800000000;
constexpr int64_t kHour = 3600;
const std::string kHashA(64, 'a'), kHashB(64, 'b'), kHashC(64, 'c'), kHashD(64, 'd');

CacheEntry venv(const std::string& key, const std::string& app, const std::string& build,
                int64_t last_use, std::vector<std::string> units, uint64_t bytes = 100) {
  CacheEntry v;
  v.dir = "venvs/" + key;
  v.name = app;
  v.build = build;
  v.last_use = last_use;
  v.built = last_use;
  v.units = std::move(units);
  v.bytes = bytes;
  return v;
}

CacheEntry wheel(const std::string& hash, uint64_t bytes, int64_t last_use = kNow) {
  CacheEntry u;
  u.dir = "wheels/" + hash;
  u.bytes = bytes;
  u.last_use = last_use;
  return u;
}

std::vector<std::string> dirs(const EvictionPlan& plan) {
  std::vector<std::string> out;
  for (const Eviction& e : plan.items) out.push_back(e.dir);
  return out;
}

TEST_CASE("eviction: sizes") {
  CHECK(parse_size("20G") == 20ull << 30);
  CHECK(parse_size("512M") == 512ull << 20);
  CHECK(parse_size("512MiB") == 512ull << 20);
  CHECK(parse_size("1.5T") == 3ull << 39);
  CHECK(parse_size("800k") == 800ull << 10);
  CHECK(parse_size("4096") == 4096u);
  CHECK(parse_size("4096B") == 4096u);
  for (const char* bad : {"", "G", "0", "-1G", "1.2.3G", "20X", "20 GB x", ".5G", "20Gb", "1e3"}) {
    CAPTURE(bad);
    CHECK(!parse_size(bad));
  }
}

TEST_CASE(
    "eviction: an app's previous build goes after the age, counted from when it was "
    "last used or superseded, whichever is later") {
  Inventory inv;
  inv.venvs = {venv("old", "/app.pexrc", "b1", kNow - 10 * kHour, {"wheels/" + kHashA}),
               venv("new", "/app.pexrc", "b2", kNow - 2 * kHour, {"wheels/" + kHashB})};
  inv.wheels = {wheel(kHashA, 50), wheel(kHashB, 50)};
  CacheLimits limits;
  limits.keep_old_builds = 3 * kHour;
  CHECK(dirs(plan_eviction(inv, limits, kNow)).empty());  // superseded 2 h ago
  EvictionPlan plan = plan_eviction(inv, limits, kNow + 2 * kHour);
  CHECK(dirs(plan) == std::vector<std::string>{"venvs/old", "wheels/" + kHashA});
  CHECK(plan.freed == 150);
  // Held by a running app: kept, and listed as an old build.
  inv.venvs[0].in_use = true;
  plan = plan_eviction(inv, limits, kNow + 2 * kHour);
  CHECK(plan.items.empty());
  CHECK(plan.old_builds == std::vector<std::string>{"venvs/old"});
}

TEST_CASE("eviction: a unit another venv links to stays with it") {
  Inventory inv;
  inv.venvs = {venv("old", "/app.pexrc", "b1", kNow - 10 * kHour, {"wheels/" + kHashA}),
               venv("new", "/app.pexrc", "b2", kNow - 9 * kHour, {}),
               venv("other", "/other.pexrc", "b9", kNow, {"wheels/" + kHashA})};
  inv.wheels = {wheel(kHashA, 50)};
  CacheLimits limits;
  limits.keep_old_builds = kHour;
  CHECK(dirs(plan_eviction(inv, limits, kNow)) == std::vector<std::string>{"venvs/old"});
}

TEST_CASE(
    "eviction: over the cap, unlinked units, then old builds, then the least recently "
    "used venvs, until the root fits") {
  Inventory inv;
  inv.venvs = {venv("lru", "/x.pexrc", "x", kNow - 5 * kHour, {"wheels/" + kHashA}),
               venv("recent", "/y.pexrc", "y", kNow - kHour, {"wheels/" + kHashB}),
               venv("held", "/z.pexrc", "z", kNow - 9 * kHour, {"wheels/" + kHashC})};
  inv.venvs[2].in_use = true;
  inv.wheels = {wheel(kHashA, 1000), wheel(kHashB, 1000), wheel(kHashC, 1000),
                wheel(kHashD, 500, kNow - 20 * kHour)};
  inv.other_bytes = 0;
  CacheLimits limits;
  // 3,800 bytes: the unlinked wheel is enough.
  limits.max_bytes = 3500;
  CHECK(dirs(plan_eviction(inv, limits, kNow)) == std::vector<std::string>{"wheels/" + kHashD});
  // Lower: the least recently used idle venv and its wheel too; never the held one.
  limits.max_bytes = 2500;
  CHECK(dirs(plan_eviction(inv, limits, kNow)) ==
        std::vector<std::string>{"wheels/" + kHashD, "venvs/lru", "wheels/" + kHashA});
  limits.max_bytes = 1;
  CHECK(dirs(plan_eviction(inv, limits, kNow)) ==
        std::vector<std::string>{"wheels/" + kHashD, "venvs/lru", "wheels/" + kHashA,
                                 "venvs/recent", "wheels/" + kHashB});
  // An old build goes before a less recently used venv.
  inv.venvs.push_back(venv("recent-new", "/y.pexrc", "y2", kNow, {}));
  limits.max_bytes = 2500;
  limits.keep_old_builds = 100 * kHour;
  CHECK(dirs(plan_eviction(inv, limits, kNow)) ==
        std::vector<std::string>{"wheels/" + kHashD, "venvs/recent", "wheels/" + kHashB});
}

TEST_CASE("eviction: units of launchers before content hashes are never judged") {
  Inventory inv;
  CacheEntry legacy = wheel("0123abcd", 1000);
  inv.wheels = {legacy};
  CacheLimits limits;
  limits.max_bytes = 1;
  CHECK(plan_eviction(inv, limits, kNow).items.empty());
}

}  // namespace
}  // namespace pexrc
