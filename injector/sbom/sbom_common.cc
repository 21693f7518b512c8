#include "injector/sbom/sbom_common.h"

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

#include "common/error.h"
#include "common/project_name.h"
#include "common/sha256.h"
#include "runtime/cache/cache_command.h"

namespace pexrc {
namespace {

void check_hash(std::string_view hex, const std::string& what) {
  if (hex.empty()) return;
  bool ok = hex.size() == 64 && std::all_of(hex.begin(), hex.end(), [](char c) {
              return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            });
  if (!ok) {
    fail(Status::kInternal, "sbom: " + what + ": not a SHA-256 hex digest: " + std::string(hex));
  }
}

}  // namespace

std::vector<const SbomComponent*> checked_components(const SbomInput& input) {
  if (input.app.name.empty()) fail(Status::kInternal, "sbom: the app has no name");
  check_hash(input.app.code_sha256_hex, "app");
  std::set<std::string_view> refs;
  for (const SbomComponent& c : input.components) {
    if (c.ref.empty() || c.name.empty()) {
      fail(Status::kInternal, "sbom: a component without ref or name (" + c.wheel_file + ")");
    }
    if (c.ref == kAppRef) fail(Status::kInternal, "sbom: a component's ref is the app's");
    if (!refs.insert(c.ref).second) fail(Status::kInternal, "sbom: ref used twice: " + c.ref);
    check_hash(c.sha256_hex, c.ref);
    for (const SbomReference& s : c.sboms) check_hash(s.sha256_hex, s.path);
  }
  auto check_targets = [&](const std::vector<std::string>& targets, const std::string& from) {
    for (const std::string& t : targets) {
      if (!refs.contains(t)) fail(Status::kInternal, "sbom: " + from + " depends on unknown " + t);
    }
  };
  check_targets(input.app.depends_on, std::string(kAppRef));
  for (const SbomComponent& c : input.components) check_targets(c.depends_on, c.ref);

  std::vector<std::pair<std::string, const SbomComponent*>> keyed;
  for (const SbomComponent& c : input.components) {
    keyed.emplace_back(normalize_project_name(c.name), &c);
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second->version, a.second->wheel_file, a.second->ref) <
           std::tie(b.first, b.second->version, b.second->wheel_file, b.second->ref);
  });
  std::vector<const SbomComponent*> sorted;
  for (const auto& [key, c] : keyed) sorted.push_back(c);
  return sorted;
}

std::vector<std::string> sorted_unique(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return items;
}

std::vector<SbomReference> sorted_sboms(std::vector<SbomReference> sboms) {
  std::sort(sboms.begin(), sboms.end(), [](const SbomReference& a, const SbomReference& b) {
    return std::tie(a.path, a.sha256_hex) < std::tie(b.path, b.sha256_hex);
  });
  return sboms;
}

std::string sbom_timestamp(int64_t epoch) {
  constexpr int64_t kLast = 253402300799;  // 9999-12-31T23:59:59Z
  if (epoch < 0 || epoch > kLast) {
    fail(Status::kUsage,
         "SOURCE_DATE_EPOCH: " + std::to_string(epoch) + " is not a time from 1970 to 9999");
  }
  return utc_date(epoch);
}

std::string uuid_of(std::string_view content) {
  Sha256 sha;
  sha.update(content);
  std::array<uint8_t, 32> digest = sha.finish();
  digest[6] = uint8_t((digest[6] & 0x0f) | 0x80);  // version 8
  digest[8] = uint8_t((digest[8] & 0x3f) | 0x80);  // variant 10
  std::string hex = to_hex(digest.data(), 16);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string json_text(const nlohmann::ordered_json& document) {
  return document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace pexrc
