#include "runtime/cache/cache_command.h"

#include <stdio.h>
#include <time.h>

#include <cstdlib>

#include "common/args.h"
#include "common/error.h"
#include "common/human_bytes.h"
#include "common/json.h"
#include "common/json_path.h"
#include "common/usable_cpus.h"
#include "runtime/cache/cache_limits.h"
#include "runtime/cache/eviction.h"
#include "runtime/cache/inventory.h"
#include "runtime/cache/prune.h"
#include "runtime/cache/verify.h"

namespace pexrc {
namespace {

constexpr int64_t kDefaultPruneAge = 14 * 86400;

std::string help(const std::string& program) {
  return "usage: " + program +
         " cache dir | info [--json] | prune [--older-than AGE] |\n"
         "       verify [--repair] [--json] [--jobs N]\n"
         "\n"
         "  dir      print the cache root (PEXRC_ROOT, else $PEX_ROOT/pexrc, else\n"
         "           $XDG_CACHE_HOME/pexrc, else ~/.cache/pexrc)\n"
         "  info     list venvs (one per app and interpreter), wheels and code with\n"
         "           their size on disk and last use; --json for a machine-readable form\n"
         "  prune    remove venvs not used for AGE (default 14d; units s, m, h, d, w;\n"
         "           0 for all not in use), then the wheels and code that no remaining\n"
         "           venv links to, what killed processes left in work/, and interpreter\n"
         "           identities of binaries gone or no Python. Venvs a running app\n"
         "           holds are never removed. Then the cache's limits, as after a\n"
         "           cold start (see below).\n"
         "  verify   read every wheel and code unit again and check it against the\n"
         "           content hash it is named by (its manifest); list damaged or\n"
         "           incomplete units and venvs that lack a unit or link to a damaged\n"
         "           one (exit 65 if any). --repair removes them, so the next run\n"
         "           extracts them again (venvs a running app holds are left).\n"
         "\n"
         "Limits: PEXRC_CACHE_MAX_SIZE (e.g. 20G) caps the root; PEXRC_KEEP_OLD_BUILDS\n"
         "(default 7d) is how long the venv of an app's previous build (a .pexrc\n"
         "replaced at the same path) stays unused; both also as max_size and\n"
         "keep_old_builds in the root's pexrc.toml. Each cold start evicts in the\n"
         "background what exceeds them: old builds, units no venv links to, then the\n"
         "least recently used venvs; never what a running app uses. info shows what\n"
         "would go.\n"
         "\n"
         "info, prune and verify refuse (exit 77) a root another user could write to, and\n"
         "one that is not a pexrc cache (no PEXRC-ROOT marker, other files).\n";
}

// UTC, ISO 8601. By hand: gmtime/strftime would bring glibc's time zone and
// locale code into the static stub.
}  // namespace

std::string utc_date(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t secs = t - days * 86400;
  // Days since 1970-01-01 to a civil date, in 400-year eras from 0000-03-01.
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t day = doy - (153 * mp + 2) / 5 + 1;
  int64_t month = mp < 10 ? mp + 3 : mp - 9;
  int64_t year = yoe + era * 400 + (month <= 2);
  char buf[128];  // room for any int64_t fields: no truncation to reason about
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", (long long)year,
                (long long)month, (long long)day, (long long)(secs / 3600),
                (long long)(secs / 60 % 60), (long long)(secs % 60));
  return buf;
}

namespace {

nlohmann::json entry_json(const CacheEntry& e, bool venv) {
  nlohmann::json j{{"dir", e.dir}, {"bytes", e.bytes}, {"last_use", utc_date(e.last_use)}};
  if (venv) {
    j["app"] = path_to_json(e.name);
    j["python"] = path_to_json(e.python);
    j["in_use"] = e.in_use;
    j["units"] = nlohmann::json::array();
    for (const std::string& unit : e.units) j["units"].push_back(path_to_json(unit));
  } else {
    j["name"] = e.name;
    j["linked"] = e.in_use;
  }
  return j;
}

CacheLimits limits_from_env(const CacheRoot& cache) {
  return read_cache_limits(cache, std::getenv("PEXRC_CACHE_MAX_SIZE"),
                           std::getenv("PEXRC_KEEP_OLD_BUILDS"));
}

void print_info(const CacheRoot& cache, bool json) {
  Inventory inv = take_inventory(cache);
  CacheLimits limits = limits_from_env(cache);
  EvictionPlan plan = plan_eviction(inv, limits, int64_t(::time(nullptr)));
  if (json) {
    nlohmann::json j{{"root", path_to_json(cache.root)},
                     {"total_bytes", inv.total_bytes()},
                     {"other_bytes", inv.other_bytes},
                     {"work_entries", inv.work_entries}};
    j["limits"] = {{"max_bytes", nullptr},
                   {"source", limits.source},
                   {"keep_old_builds_seconds", limits.keep_old_builds}};
    if (limits.max_bytes) j["limits"]["max_bytes"] = *limits.max_bytes;
    j["old_builds"] = plan.old_builds;
    j["would_evict"] = nlohmann::json::array();
    for (const Eviction& e : plan.items)
      j["would_evict"].push_back(
          {{"dir", e.dir}, {"name", path_to_json(e.name)}, {"bytes", e.bytes}, {"why", e.why}});
    for (auto [key, list, venv] : {std::tuple{"venvs", &inv.venvs, true},
                                   {"wheels", &inv.wheels, false},
                                   {"code", &inv.code, false}}) {
      j[key] = nlohmann::json::array();
      for (const CacheEntry& e : *list) j[key].push_back(entry_json(e, venv));
    }
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  std::printf("%s: %s\n", cache.root.c_str(), human_bytes(inv.total_bytes()).c_str());
  for (auto [title, list, venv] : {std::tuple{"venvs", &inv.venvs, true},
                                   {"wheels", &inv.wheels, false},
                                   {"code", &inv.code, false}}) {
    std::printf("%s (%zu)\n", title, list->size());
    for (const CacheEntry& e : *list) {
      std::string state =
          venv ? (e.in_use ? "in use" : "idle") : (e.in_use ? "linked" : "unlinked");
      std::string what = venv ? e.name + " (" + e.python + ")" : e.name;
      std::printf("  %-22.22s %10s  used %s  %-8s %s\n", e.dir.c_str(),
                  human_bytes(e.bytes).c_str(), utc_date(e.last_use).c_str(), state.c_str(),
                  what.c_str());
    }
  }
  std::printf("other (interpreters, launchers, locks, %zu in work/): %s\n", inv.work_entries,
              human_bytes(inv.other_bytes).c_str());
  std::printf("limit: %s; old builds go %s after their last use (%zu now)\n",
              limits.max_bytes
                  ? (human_bytes(*limits.max_bytes) + " (" + limits.source + ")").c_str()
                  : "none",
              human_age(limits.keep_old_builds).c_str(), plan.old_builds.size());
  std::printf("would evict now: %zu entr%s, %s\n", plan.items.size(),
              plan.items.size() == 1 ? "y" : "ies", human_bytes(plan.freed).c_str());
  for (const Eviction& e : plan.items)
    std::printf("  %-22.22s %10s  %s  %s\n", e.dir.c_str(), human_bytes(e.bytes).c_str(),
                e.why.c_str(), e.name.c_str());
}

void print_verify(const VerifyReport& report, const RepairReport* repaired, bool json) {
  if (json) {
    nlohmann::json units = nlohmann::json::array(), venvs = nlohmann::json::array();
    for (const UnitVerdict& u : report.units)
      if (!u.problem.empty())
        units.push_back(
            {{"dir", u.dir}, {"name", u.name}, {"problem", u.problem}, {"checked", u.checkable}});
    for (const BrokenVenv& v : report.venvs)
      venvs.push_back({{"dir", v.dir}, {"app", path_to_json(v.app)}, {"problem", v.problem}});
    nlohmann::json j{{"units", report.units.size()},
                     {"files", report.files},
                     {"bytes", report.bytes},
                     {"damaged_units", units},
                     {"broken_venvs", venvs}};
    if (repaired)
      j["repaired"] = {{"units", repaired->units},
                       {"venvs", repaired->venvs},
                       {"venvs_in_use", repaired->venvs_in_use},
                       {"bytes", repaired->bytes}};
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  for (const UnitVerdict& u : report.units)
    if (!u.problem.empty())
      std::printf("%s %s (%s): %s\n", u.checkable ? "damaged" : "unchecked", u.dir.c_str(),
                  u.name.empty() ? "no venv names it" : u.name.c_str(), u.problem.c_str());
  for (const BrokenVenv& v : report.venvs)
    std::printf("broken venv %s (%s): %s\n", v.dir.c_str(),
                v.app.empty() ? "app unknown" : v.app.c_str(), v.problem.c_str());
  std::printf("%zu unit(s), %zu file(s), %s checked: %zu damaged, %zu broken venv(s)",
              report.units.size(), report.files, human_bytes(report.bytes).c_str(),
              report.damaged(), report.venvs.size());
  if (report.unchecked()) std::printf(", %zu without a manifest", report.unchecked());
  std::printf("\n");
  if (repaired)
    std::printf(
        "repaired: removed %zu unit(s) and %zu venv(s), %s; %zu broken venv(s) kept "
        "because an app is using them\n",
        repaired->units, repaired->venvs, human_bytes(repaired->bytes).c_str(),
        repaired->venvs_in_use);
}

template <class Usage>
int run_verify(const std::vector<std::string>& args, const Usage& usage) {
  bool repair = false, json = false;
  unsigned jobs = usable_cpus();
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--repair") {
      repair = true;
    } else if (args[i] == "--json") {
      json = true;
    } else if (is_option(args[i], "--jobs", "-j")) {
      std::optional<std::string> value = option_value(args, i);
      std::optional<unsigned> n = value ? parse_jobs(*value) : std::nullopt;
      if (!n)
        usage("cache verify: --jobs needs a number between 1 and " + std::to_string(kMaxJobs));
      jobs = *n;
    } else {
      usage("cache verify: unknown option '" + args[i] + "'");
    }
  }
  CacheRoot cache = root_for_housekeeping();
  VerifyReport report = verify_cache(cache, jobs);
  std::optional<RepairReport> repaired;
  if (repair) repaired = repair_cache(cache, report);
  print_verify(report, repaired ? &*repaired : nullptr, json);
  bool broken = report.damaged() || !report.venvs.empty();
  return broken && !repair ? int(Status::kBadArchive) : 0;
}

}  // namespace

int64_t parse_age(const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 12) return -1;
  int64_t n = std::stoll(text.substr(0, digits));
  if (digits == text.size()) return n;
  if (digits + 1 != text.size()) return -1;
  switch (text[digits]) {
    case 's':
      return n;
    case 'm':
      return n * 60;
    case 'h':
      return n * 3600;
    case 'd':
      return n * 86400;
    case 'w':
      return n * 7 * 86400;
    default:
      return -1;
  }
}

std::string human_age(int64_t seconds) {
  for (auto [unit, size] : {std::pair{'w', 7 * 86400}, {'d', 86400}, {'h', 3600}, {'m', 60}})
    if (seconds >= size && seconds % size == 0) return std::to_string(seconds / size) + unit;
  return std::to_string(seconds) + "s";
}

int run_cache_command(const std::vector<std::string>& args, const std::string& program) {
  auto usage = [&](const std::string& why) {
    fail(Status::kUsage, why + " (see " + program + " cache --help)");
  };
  if (args.empty()) usage("cache: missing command");
  const std::string& command = args[0];
  if (command == "--help" || command == "-h") {
    std::fputs(help(program).c_str(), stdout);
    return 0;
  }
  if (command == "dir") {
    if (args.size() > 1) usage("cache dir: unexpected argument '" + args[1] + "'");
    std::printf("%s\n", cache_root_from_env().root.c_str());
    return 0;
  }
  if (command == "info") {
    bool json = false;
    for (size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "--json")
        json = true;
      else
        usage("cache info: unknown option '" + args[i] + "'");
    }
    print_info(root_for_housekeeping(), json);
    return 0;
  }
  if (command == "prune") {
    int64_t age = kDefaultPruneAge;
    for (size_t i = 1; i < args.size(); ++i) {
      std::optional<std::string> value;
      if (is_option(args[i], "--older-than")) value = option_value(args, i);
      if (!value) usage("cache prune: unknown option '" + args[i] + "'");
      age = parse_age(*value);
      if (age < 0)
        usage("cache prune: --older-than wants an age such as 14d, 12h or 0, not '" + *value + "'");
    }
    CacheRoot cache = root_for_housekeeping();
    CacheLimits limits = limits_from_env(cache);
    PruneReport r = prune_cache(cache, age);
    EvictionReport evicted = evict(cache, limits);
    std::printf(
        "removed %zu venv(s), %zu wheel(s), %zu code unit(s), %zu leftover(s) of killed runs, "
        "%zu stale interpreter identit%s: %s freed; %zu old venv(s) kept because an app is "
        "using them\n",
        r.venvs, r.wheels, r.code, r.debris, r.identities, r.identities == 1 ? "y" : "ies",
        human_bytes(r.bytes).c_str(), r.venvs_in_use);
    if (evicted.venvs || evicted.units)
      std::printf("limits: evicted %zu venv(s) and %zu unit(s), %s; the root is now %s\n",
                  evicted.venvs, evicted.units, human_bytes(evicted.freed).c_str(),
                  human_bytes(evicted.size_after).c_str());
    return 0;
  }
  if (command == "verify") return run_verify(args, usage);
  usage("cache: unknown command '" + command + "'");
  return 64;
}

}  // namespace pexrc
