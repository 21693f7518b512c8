#include "injector/sbom/pex_sbom.h"

#include <cstdlib>
#include <set>

#include "common/cache_unit.h"
#include "common/error.h"
#include "common/pep508.h"
#include "common/project_name.h"
#include "common/sha256.h"
#include "common/text.h"
#include "common/wheel_metadata.h"
#include "common/wheel_name.h"
#include "injector/sbom/license.h"

namespace pexrc {
namespace {

// The part of a wheel unit's path below its .dist-info/, "" if elsewhere.
std::string_view below_dist_info(std::string_view path) {
  size_t slash = path.find('/');
  if (slash == std::string_view::npos || !path.substr(0, slash).ends_with(".dist-info")) return "";
  return path.substr(slash + 1);
}

}  // namespace

bool SbomSources::wanted(std::string_view entry_name) {
  UnitOf unit = unit_of_entry(entry_name);
  if (unit.kind != UnitOf::kWheel || !unit.bytecode_tag.empty()) return false;
  std::string_view rest = below_dist_info(unit.path);
  return rest == "METADATA" || (rest.starts_with("sboms/") && rest.size() > 6);
}

void SbomSources::add(std::string_view entry_name, const std::string& data) {
  UnitOf unit = unit_of_entry(entry_name);
  if (below_dist_info(unit.path) == "METADATA")
    metadata_[std::string(unit.wheel)] = data;
  else
    sboms_[std::string(unit.wheel)].push_back({std::string(entry_name), sha256_hex(data)});
}

SbomInput SbomSources::input(const PexInfo& info, const LaunchInfo& hashes,
                             const std::string& origin) const {
  SbomInput in;
  in.tool_version = PEXRC_VERSION;
  in.source_date_epoch = source_date_epoch_from_env();
  in.app.name = app_name_of(info);
  in.app.entry_point = info.entry_point.empty() ? info.script : info.entry_point;
  in.app.pex_hash = info.pex_hash;
  in.app.code_sha256_hex = hashes.code_hash;

  std::map<std::string, std::vector<std::string>> wheels_of_project;  // key -> wheel files
  std::vector<std::vector<Requirement>> requirements;
  for (const auto& [wheel, fingerprint] : info.distributions) {
    SbomComponent c;
    c.ref = c.wheel_file = wheel;
    std::optional<WheelName> parsed = parse_wheel_name(wheel);
    if (parsed) {
      c.name = parsed->distribution;
      c.version = parsed->version;
      c.tags = parsed->tags;
    }
    std::vector<Requirement> deps;
    if (auto it = metadata_.find(wheel); it != metadata_.end()) {
      WheelMetadata m = parse_wheel_metadata(it->second, origin + ": " + wheel + " METADATA");
      c.name = m.name;
      c.version = m.version;
      c.license = read_license_info(it->second);
      deps = std::move(m.requires_dist);
    }
    if (c.name.empty())
      fail(Status::kBadPexInfo, origin + ": " + wheel +
                                    " is neither a wheel file name nor has "
                                    "a METADATA naming its project");
    if (auto it = hashes.wheel_hashes.find(wheel); it != hashes.wheel_hashes.end())
      c.sha256_hex = it->second;
    if (auto it = sboms_.find(wheel); it != sboms_.end()) c.sboms = it->second;
    wheels_of_project[normalize_project_name(c.name)].push_back(wheel);
    requirements.push_back(std::move(deps));
    in.components.push_back(std::move(c));
  }
  auto edges = [&](const std::vector<std::string>& keys, const std::string& self) {
    std::set<std::string> refs;
    for (const std::string& key : keys)
      if (auto it = wheels_of_project.find(key); it != wheels_of_project.end())
        for (const std::string& wheel : it->second)
          if (wheel != self) refs.insert(wheel);
    return std::vector<std::string>(refs.begin(), refs.end());
  };
  for (size_t i = 0; i < in.components.size(); ++i) {
    std::vector<std::string> keys;
    for (const Requirement& r : requirements[i]) keys.push_back(r.key);
    in.components[i].depends_on = edges(keys, in.components[i].ref);
  }
  std::vector<std::string> top;
  for (const std::string& text : info.requirements) {
    try {
      top.push_back(parse_requirement(text).key);
    } catch (const Error&) {
      fail(Status::kBadPexInfo, origin + ": PEX-INFO requirement '" + text + "' is not PEP 508");
    }
  }
  in.app.depends_on = edges(top, "");
  return in;
}

std::optional<int64_t> source_date_epoch_from_env() {
  const char* value = std::getenv("SOURCE_DATE_EPOCH");
  if (!value || !*value) return std::nullopt;
  std::string_view text = value;
  if (text.size() > 12 || text.find_first_not_of("0123456789") != std::string_view::npos)
    fail(Status::kUsage,
         "SOURCE_DATE_EPOCH must be a number of seconds, not '" + std::string(text) + "'");
  return std::strtoll(value, nullptr, 10);
}

std::string app_name_of(const PexInfo& info) {
  if (!info.script.empty()) return info.script;
  if (!info.entry_point.empty())
    return info.entry_point.substr(0, info.entry_point.find_first_of(".:"));
  std::set<std::string> projects;
  for (const std::string& text : info.requirements) {
    try {
      projects.insert(parse_requirement(text).name);
    } catch (const Error&) {
      // Reported by SbomSources::input, which reads them too.
    }
  }
  std::string name;
  for (const std::string& p : projects) name += (name.empty() ? "" : "+") + p;
  return name.empty() ? "app" : name;
}

}  // namespace pexrc
