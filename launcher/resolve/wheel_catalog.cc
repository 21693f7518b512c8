#include "launcher/resolve/wheel_catalog.h"

#include "common/error.h"
#include "common/project_name.h"
#include "runtime/extract/decode_entry.h"

namespace pexrc {
namespace {

// "<name>-<version>.dist-info" -> normalised <name>. Names in the wild are not
// always normalised (e.g. "PyYAML-6.0.dist-info"), so compare normalised.
std::string dist_info_project(const std::string& dir) {
  std::string stem = dir.substr(0, dir.size() - std::string(".dist-info").size());
  return normalize_project_name(stem.substr(0, stem.rfind('-')));
}

}  // namespace

ArchiveWheelCatalog::ArchiveWheelCatalog(const ZipReader& zip, const PexInfo& info,
                                         const std::string& pex_path)
    : zip_(zip), pex_path_(pex_path), entries_(zip.read_all()) {
  std::map<std::string, ShippedWheel*> by_file;
  for (const auto& [file_name, fingerprint] : info.distributions) {
    std::optional<WheelName> name = parse_wheel_name(file_name);
    if (!name)
      fail(Status::kBadPexInfo, pex_path + ": '" + file_name + "' is not a wheel file name");
    auto wheel = std::make_unique<ShippedWheel>();
    wheel->file_name = file_name;
    wheel->name = std::move(*name);
    by_file[file_name] = wheel.get();
    by_project_[wheel->name.key].push_back(wheel.get());
    wheels_.push_back(std::move(wheel));
  }
  // .deps/<wheel>/<project>-<version>.dist-info/METADATA, one level down.
  for (const zip::Entry& e : entries_) {
    constexpr std::string_view kDeps = ".deps/";
    if (!e.name.starts_with(kDeps) || !e.name.ends_with(".dist-info/METADATA")) continue;
    size_t wheel_end = e.name.find('/', kDeps.size());
    size_t dir_end = e.name.size() - std::string("/METADATA").size();
    if (wheel_end == std::string::npos || e.name.find('/', wheel_end + 1) != dir_end) continue;
    auto it = by_file.find(e.name.substr(kDeps.size(), wheel_end - kDeps.size()));
    if (it == by_file.end()) continue;
    std::string dir = e.name.substr(wheel_end + 1, dir_end - wheel_end - 1);
    ShippedWheel& w = *it->second;
    if (!w.metadata_entry || dist_info_project(dir) == w.name.key) w.metadata_entry = &e;
  }
}

std::vector<ShippedWheel*> ArchiveWheelCatalog::wheels_of(const std::string& project_key) {
  auto it = by_project_.find(project_key);
  return it == by_project_.end() ? std::vector<ShippedWheel*>() : it->second;
}

const WheelMetadata& ArchiveWheelCatalog::metadata(ShippedWheel& wheel) {
  if (!wheel.metadata) {
    if (!wheel.metadata_entry)
      fail(Status::kBadArchive, pex_path_ + ": " + wheel.file_name + " has no .dist-info/METADATA");
    // One scratch (decoder and 2 MiB of buffers) serves every METADATA read.
    if (!scratch_) scratch_ = std::make_unique<EntryScratch>();
    wheel.metadata = parse_wheel_metadata(read_entry(zip_, *wheel.metadata_entry, *scratch_),
                                          pex_path_ + ": " + wheel.metadata_entry->name);
  }
  return *wheel.metadata;
}

}  // namespace pexrc
