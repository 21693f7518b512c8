#include "launcher/resolve/app_contents.h"

#include <unistd.h>

#include <set>

#include "common/error.h"
#include "common/sha256.h"
#include "common/text.h"

namespace pexrc {
namespace {

std::vector<std::string> pex_path_entries(const PexInfo& info, const std::string& pex_path) {
  std::vector<std::string> entries = info.pex_path;
  for (std::string& e : split_nonempty(pex_path, ':')) entries.push_back(std::move(e));
  std::set<std::string> seen;
  std::vector<std::string> unique;
  for (std::string& e : entries)
    if (seen.insert(e).second) unique.push_back(std::move(e));
  return unique;
}

}  // namespace

AppContents::AppContents(Payload app, const RunEnv& env) : ignore_errors_(env.pex_ignore_errors) {
  std::vector<std::string> others = pex_path_entries(app.info, env.pex_path);
  sources_.push_back(Source{std::move(app), nullptr, {}});
  // PEX-INFO alone could be copied by an archive with other files; the
  // content hashes in PEXRC-INFO tell such archives apart.
  auto key_of = [](const Payload& p) {
    return p.pex_info_text + std::string("\0", 1) + p.launch_info_text;
  };
  key_text_ = key_of(sources_[0].payload);
  for (const std::string& path : others) {
    // PEX_PATH usually names the original .pex files; their injected
    // siblings (x.pex -> x.pexrc) stand in for them.
    std::string sibling = path + "rc";
    bool use_sibling = path.size() > 4 && path.compare(path.size() - 4, 4, ".pex") == 0 &&
                       ::access(sibling.c_str(), R_OK) == 0;
    Payload other;
    try {
      other = open_other_payload(use_sibling ? sibling : path);
    } catch (const Error& e) {
      fail(e.status(), std::string("PEX_PATH entry ") + e.what());
    }
    key_text_ += std::string("\0", 1) + key_of(other);
    sources_.push_back(Source{std::move(other), nullptr, {}});
  }
}

const Resolution& AppContents::resolve(Source& source, const Interpreter& python) {
  auto it = source.resolutions.find(python.executable);
  if (it != source.resolutions.end()) return it->second;
  if (!source.catalog)
    source.catalog = std::make_unique<ArchiveWheelCatalog>(*source.payload.zip, source.payload.info,
                                                           source.payload.path);
  return source.resolutions[python.executable] =
             resolve_wheels(*source.catalog, source.payload.info, python, ignore_errors_);
}

std::string AppContents::resolution_error(const Interpreter& python) {
  for (Source& source : sources_) {
    const Resolution& r = resolve(source, python);
    if (!r.error.empty())
      return &source == &sources_[0] ? r.error : source.payload.path + ": " + r.error;
  }
  return "";
}

nlohmann::json AppContents::marker_results(const Interpreter& python) {
  nlohmann::json all = nlohmann::json::object();
  for (Source& source : sources_) {
    const Resolution& r = resolve(source, python);
    all.update(evaluate_markers(*source.catalog, source.payload.info, python, r.wheels));
  }
  return all;
}

std::vector<AppContents::SourcePlan> AppContents::plan(const Interpreter& python,
                                                       const CacheRoot& cache) {
  std::vector<SourcePlan> plans;
  for (Source& source : sources_) {
    const Resolution& r = resolve(source, python);
    if (!r.error.empty()) fail(Status::kNoInterpreter, source.payload.path + ": " + r.error);
    plans.push_back(
        {&source.payload,
         plan_extraction(source.catalog->entries(), source.payload.info, source.payload.launch,
                         r.wheels, python.cache_tag, cache, source.payload.path)});
  }
  return plans;
}

ExtractPlan merge_plans(const std::vector<AppContents::SourcePlan>& plans) {
  ExtractPlan merged;
  std::set<std::string> seen;
  for (const auto& p : plans)
    for (const CacheItem& c : p.plan.code)
      if (seen.insert(c.dest).second) merged.code.push_back(c);
  for (const auto& p : plans)
    for (const CacheItem& w : p.plan.wheels)
      if (seen.insert(w.dest).second) merged.wheels.push_back(w);
  return merged;
}

}  // namespace pexrc
