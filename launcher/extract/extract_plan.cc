#include "launcher/extract/extract_plan.h"

#include <map>
#include <set>
#include <string_view>

#include "common/cache_unit.h"
#include "common/entry_path.h"
#include "common/error.h"
#include "common/text.h"

namespace pexrc {
namespace {

// The bytecode of `tag` for the unit whose entries start with `unit_prefix`,
// if PEXRC-INFO records any.
std::optional<CacheItem::Bytecode> shipped_bytecode(const LaunchInfo& launch,
                                                    const std::string& tag,
                                                    const std::string& unit_prefix,
                                                    const std::string* wheel) {
  auto layer = launch.bytecode.find(tag);
  if (tag.empty() || layer == launch.bytecode.end()) return std::nullopt;
  std::string hash = layer->second.code_hash;
  if (wheel) {
    auto it = layer->second.wheel_hashes.find(*wheel);
    hash = it == layer->second.wheel_hashes.end() ? "" : it->second;
  }
  if (hash.empty()) return std::nullopt;
  return CacheItem::Bytecode{
      tag, hash, std::string(kBytecodeDirName) + "/" + tag + "/" + unit_prefix, {}};
}

// <dirs>/__pycache__/<module>.<tag>.pyc, the only place shipped bytecode goes.
bool is_bytecode_path(std::string_view path, std::string_view tag) {
  size_t slash = path.rfind('/');
  std::string_view dir = slash == std::string_view::npos ? "" : path.substr(0, slash);
  std::string_view module = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  std::string_view parent = dir;
  bool in_pycache =
      dir == "__pycache__" || (consume_suffix(parent, "/__pycache__") && !parent.empty());
  return in_pycache && consume_suffix(module, "." + std::string(tag) + ".pyc") && !module.empty() &&
         module.find('.') == std::string_view::npos;
}

std::vector<CacheItem*> all_items(ExtractPlan& plan, CacheItem& code) {
  std::vector<CacheItem*> items = {&code};
  for (CacheItem& w : plan.wheels) items.push_back(&w);
  return items;
}

}  // namespace

std::string CacheItem::Bytecode::marker() const { return std::string(kBytecodeMarkerPrefix) + tag; }

ExtractPlan plan_extraction(const std::vector<zip::Entry>& entries, const PexInfo& info,
                            const LaunchInfo& launch, const std::vector<std::string>& wheels,
                            const std::string& cache_tag, const CacheRoot& cache,
                            const std::string& pex_path) {
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
    item.bytecode = shipped_bytecode(launch, cache_tag, item.prefix, &wheel);
    by_wheel[wheel] = plan.wheels.size();
    plan.wheels.push_back(std::move(item));
  }

  CacheItem code;
  code.label = "user code";
  code.dest = cache.code() + "/" + launch.code_hash;
  code.content_hash = launch.code_hash;
  code.bytecode = shipped_bytecode(launch, cache_tag, "", nullptr);

  // A hand-made archive may hold what pexrc-inject refuses to write.
  std::vector<std::string_view> names;
  names.reserve(entries.size());
  for (const zip::Entry& e : entries) names.push_back(e.name);
  std::string problem = archive_names_problem(names);
  if (!problem.empty()) fail(Status::kBadArchive, pex_path + ": " + problem);

  for (const zip::Entry& e : entries) {
    UnitOf unit = unit_of_entry(e.name);
    CacheItem* item = nullptr;
    if (unit.kind == UnitOf::kCode) {
      item = &code;
    } else if (unit.kind == UnitOf::kWheel) {
      auto it = by_wheel.find(unit.wheel);
      if (it != by_wheel.end()) item = &plan.wheels[it->second];
    }
    if (!item) continue;
    if (unit.bytecode_tag.empty()) {
      item->entries.push_back(&e);
    } else if (item->bytecode && unit.bytecode_tag == item->bytecode->tag) {
      if (e.is_directory() || !is_bytecode_path(unit.path, unit.bytecode_tag))
        fail(Status::kBadArchive, pex_path + ": bytecode entry '" + printable_name(e.name) +
                                      "' is not a " + std::string(unit.bytecode_tag) +
                                      " .pyc in a __pycache__ directory");
      item->bytecode->entries.push_back(&e);
    }
  }
  // Bytecode goes into published units beside their files: it may never
  // stand for one of them.
  for (CacheItem* item : all_items(plan, code)) {
    if (!item->bytecode) continue;
    std::set<std::string_view> files;
    for (const zip::Entry* e : item->entries)
      files.insert(std::string_view(e->name).substr(item->prefix.size()));
    for (const zip::Entry* e : item->bytecode->entries)
      if (files.count(std::string_view(e->name).substr(item->bytecode->prefix.size())))
        fail(Status::kBadArchive, pex_path + ": bytecode entry '" + printable_name(e->name) +
                                      "' would replace a file of " + item->label);
  }
  for (const CacheItem& w : plan.wheels)
    if (w.entries.empty())
      fail(Status::kBadArchive,
           pex_path + ": PEX-INFO lists " + w.label + " but the archive does not contain it");
  if (!code.entries.empty()) plan.code.push_back(std::move(code));
  return plan;
}

}  // namespace pexrc
