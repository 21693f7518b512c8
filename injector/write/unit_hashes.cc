#include "injector/write/unit_hashes.h"

#include <sys/stat.h>

#include "common/cache_unit.h"

namespace pexrc {

uint32_t output_file_mode(uint32_t input_mode) {
  uint32_t perms = input_mode & 0777;
  return S_IFREG | (perms == 0 ? 0644 : perms);
}

UnitHashes::UnitHashes(const std::vector<std::string>& wheels) {
  for (const std::string& w : wheels) content_.wheels[w];
  content_.has_code = true;
}

UnitHasher* UnitHashes::unit_for(const std::string& name, std::string& path) {
  UnitOf u = unit_of_entry(name);
  path = std::string(u.path);
  if (u.kind == UnitOf::kNone) return nullptr;
  bool known_wheel = u.kind == UnitOf::kCode || content_.wheels.count(u.wheel);
  if (!known_wheel) return nullptr;
  Units* units = &content_;
  if (!u.bytecode_tag.empty()) {
    auto tag = bytecode_.find(u.bytecode_tag);
    if (tag == bytecode_.end()) tag = bytecode_.emplace(std::string(u.bytecode_tag), Units{}).first;
    units = &tag->second;
  }
  if (u.kind == UnitOf::kCode) {
    units->has_code = true;
    return &units->code;
  }
  auto it = units->wheels.find(u.wheel);
  if (it == units->wheels.end())
    it = units->wheels.emplace(std::string(u.wheel), UnitHasher{}).first;
  return &it->second;
}

void UnitHashes::expect_bytecode(const std::string& name) {
  std::string path;
  (void)unit_for(name, path);
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
  info.code_hash = content_.code.finish();
  info.wheel_hashes.clear();
  for (const auto& [wheel, unit] : content_.wheels) info.wheel_hashes[wheel] = unit.finish();
  info.bytecode.clear();
  for (const auto& [tag, units] : bytecode_) {
    LaunchInfo::Bytecode& layer = info.bytecode[tag];
    if (units.has_code) layer.code_hash = units.code.finish();
    for (const auto& [wheel, unit] : units.wheels) layer.wheel_hashes[wheel] = unit.finish();
  }
}

}  // namespace pexrc
