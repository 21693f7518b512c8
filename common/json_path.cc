#include "common/json_path.h"

#include "common/sha256.h"
#include "common/text.h"

namespace pexrc {
namespace {

std::optional<std::string> from_hex(const std::string& hex) {
  if (hex.size() % 2) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string bytes;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    bytes.push_back(char(hi << 4 | lo));
  }
  return bytes;
}

}  // namespace

nlohmann::json path_to_json(std::string_view path) {
  if (is_valid_utf8(path)) return std::string(path);
  return nlohmann::json{
      {"hex", to_hex(reinterpret_cast<const uint8_t*>(path.data()), path.size())}};
}

std::optional<std::string> path_from_json(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (!v.is_object() || v.size() != 1) return std::nullopt;
  auto hex = v.find("hex");
  if (hex == v.end() || !hex->is_string()) return std::nullopt;
  return from_hex(hex->get<std::string>());
}

std::string path_member(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end()) return "";
  return path_from_json(*it).value_or("");
}

}  // namespace pexrc
