#include "launcher/extract/extract_plan.h"

#include <map>

#include "common/entry_path.h"
#include "common/error.h"
#include "common/launch_info.h"

namespace pexrc {
namespace {

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// Fingerprints and hashes come from PEX-INFO and become directory names.
bool is_safe_key(const std::string& key) {
  if (key.empty() || key.size() > 128) return false;
  for (char c : key)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
          c == '_'))
      return false;
  return true;
}

}  // namespace

ExtractPlan plan_extraction(const std::vector<zip::Entry>& entries, const PexInfo& info,
                            const std::vector<std::string>& wheels,
                            const std::string& pex_text_hash, const CacheRoot& cache,
                            const std::string& pex_path) {
  ExtractPlan plan;
  std::map<std::string, size_t> by_prefix;
  for (const std::string& wheel : wheels) {
    auto listed = info.distributions.find(wheel);
    if (listed == info.distributions.end())
      fail(Status::kInternal, pex_path + ": resolved " + wheel + ", which PEX-INFO does not list");
    const std::string& fingerprint = listed->second;
    if (!is_safe_key(fingerprint) || !is_safe_entry_name(wheel) ||
        wheel.find('/') != std::string::npos)
      fail(Status::kBadPexInfo, pex_path + ": unusable distribution entry '" + wheel + "'");
    CacheItem item;
    item.label = wheel;
    item.dest = cache.wheels() + "/" + fingerprint;
    item.prefix = ".deps/" + wheel + "/";
    by_prefix[item.prefix] = plan.wheels.size();
    plan.wheels.push_back(std::move(item));
  }

  CacheItem code;
  code.label = "user code";
  // code_hash covers exactly the user code pex packed; fall back to the
  // whole PEX-INFO for PEXes that lack it.
  std::string code_key = is_safe_key(info.code_hash) ? info.code_hash : pex_text_hash;
  code.dest = cache.code() + "/" + code_key;

  for (const zip::Entry& e : entries) {
    if (!is_safe_entry_name(e.name))
      fail(Status::kBadArchive, pex_path + ": unsafe entry name '" + e.name + "'");
    if (e.name == "PEX-INFO" || e.name == kLaunchInfoName || e.name == "__main__.py") continue;
    if (starts_with(e.name, ".deps/")) {
      size_t slash = e.name.find('/', 6);
      if (slash == std::string::npos) continue;  // the .deps/ directory itself
      auto it = by_prefix.find(e.name.substr(0, slash + 1));
      if (it == by_prefix.end()) continue;  // a wheel this interpreter does not need
      if (e.name.size() > slash + 1) plan.wheels[it->second].entries.push_back(&e);
      continue;
    }
    code.entries.push_back(&e);
  }
  for (const CacheItem& w : plan.wheels)
    if (w.entries.empty())
      fail(Status::kBadArchive,
           pex_path + ": PEX-INFO lists " + w.label + " but the archive does not contain it");
  if (!code.entries.empty()) plan.code.push_back(std::move(code));
  return plan;
}

}  // namespace pexrc
