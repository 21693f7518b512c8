#include "injector/write/unit_hashes.h"

#include "common/cache_unit.h"

namespace pexrc {

UnitHashes::UnitHashes(const std::vector<std::string>& wheels) {
  for (const std::string& w : wheels) wheels_[w];
}

UnitHasher* UnitHashes::unit_for(const std::string& name, std::string& path) {
  UnitOf u = unit_of_entry(name);
  path = std::string(u.path);
  if (u.kind == UnitOf::kCode) return &code_;
  if (u.kind != UnitOf::kWheel) return nullptr;
  auto it = wheels_.find(u.wheel);
  return it == wheels_.end() ? nullptr : &it->second;
}

void UnitHashes::add_file(const std::string& name, uint32_t unix_mode, uint64_t size,
                          const Digest& digest) {
  std::string path;
  if (UnitHasher* unit = unit_for(name, path))
    unit->add_file(std::move(path), (unix_mode & 0111) != 0, size, digest);
}

void UnitHashes::add_directory(const std::string& name) {
  std::string path;
  if (UnitHasher* unit = unit_for(name, path)) unit->add_directory(std::move(path));
}

void UnitHashes::record_in(LaunchInfo& info) const {
  info.code_hash = code_.finish();
  info.wheel_hashes.clear();
  for (const auto& [wheel, unit] : wheels_) info.wheel_hashes[wheel] = unit.finish();
}

}  // namespace pexrc
