#include "launcher/extract/extract_plan.h"

#include <map>

#include "common/cache_unit.h"
#include "common/entry_path.h"
#include "common/error.h"

namespace pexrc {

ExtractPlan plan_extraction(const std::vector<zip::Entry>& entries, const PexInfo& info,
                            const LaunchInfo& launch, const std::vector<std::string>& wheels,
                            const CacheRoot& cache, const std::string& pex_path) {
  ExtractPlan plan;
  std::map<std::string, size_t, std::less<>> by_wheel;
  for (const std::string& wheel : wheels) {
    if (!info.distributions.count(wheel))
      fail(Status::kInternal, pex_path + ": resolved " + wheel + ", which PEX-INFO does not list");
    if (!is_plain_component(wheel))
      fail(Status::kBadPexInfo,
           pex_path + ": unusable distribution entry '" + printable_name(wheel) + "'");
    auto hash = launch.wheel_hashes.find(wheel);
    if (hash == launch.wheel_hashes.end())
      fail(Status::kBadArchive, pex_path + ": PEXRC-INFO has no content hash for " + wheel);
    CacheItem item;
    item.label = wheel;
    item.dest = cache.wheels() + "/" + hash->second;
    item.content_hash = hash->second;
    item.prefix = ".deps/" + wheel + "/";
    by_wheel[wheel] = plan.wheels.size();
    plan.wheels.push_back(std::move(item));
  }

  CacheItem code;
  code.label = "user code";
  code.dest = cache.code() + "/" + launch.code_hash;
  code.content_hash = launch.code_hash;

  // A hand-made archive may hold what pexrc-inject refuses to write.
  std::vector<std::string_view> names;
  names.reserve(entries.size());
  for (const zip::Entry& e : entries) names.push_back(e.name);
  std::string problem = archive_names_problem(names);
  if (!problem.empty()) fail(Status::kBadArchive, pex_path + ": " + problem);

  for (const zip::Entry& e : entries) {
    UnitOf unit = unit_of_entry(e.name);
    if (unit.kind == UnitOf::kCode) {
      code.entries.push_back(&e);
    } else if (unit.kind == UnitOf::kWheel) {
      auto it = by_wheel.find(unit.wheel);
      if (it != by_wheel.end()) plan.wheels[it->second].entries.push_back(&e);
    }
  }
  for (const CacheItem& w : plan.wheels)
    if (w.entries.empty())
      fail(Status::kBadArchive,
           pex_path + ": PEX-INFO lists " + w.label + " but the archive does not contain it");
  if (!code.entries.empty()) plan.code.push_back(std::move(code));
  return plan;
}

}  // namespace pexrc
