#include "common/wheel_name.h"

#include <algorithm>

#include "common/pep440.h"
#include "common/project_name.h"
#include "common/text.h"

namespace pexrc {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_distribution_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.';
}

// PEP 427 "File name convention": the build tag "Must start with a digit"; the digits are
// its first sort key and the rest its second.
std::optional<std::pair<uint64_t, std::string>> parse_build_tag(std::string_view tag) {
  if (tag.empty() || !is_digit(tag.front())) return std::nullopt;
  uint64_t number = 0;
  size_t i = 0;
  for (; i < tag.size() && is_digit(tag[i]); ++i) {
    uint64_t digit = uint64_t(tag[i] - '0');
    if (number > (UINT64_MAX - digit) / 10) return std::nullopt;
    number = number * 10 + digit;
  }
  return std::pair<uint64_t, std::string>(number, std::string(tag.substr(i)));
}

}  // namespace

std::optional<WheelName> parse_wheel_name(std::string_view file_name) {
  std::string_view stem = file_name;
  if (!consume_suffix(stem, ".whl") || stem.empty()) return std::nullopt;
  std::vector<std::string_view> parts = split(stem, '-');
  if (parts.size() != 5 && parts.size() != 6) return std::nullopt;
  if (std::any_of(parts.begin(), parts.end(), [](std::string_view p) { return p.empty(); })) {
    return std::nullopt;
  }

  WheelName name;
  if (!std::all_of(parts[0].begin(), parts[0].end(), is_distribution_char)) {
    return std::nullopt;
  }
  name.distribution = std::string(parts[0]);
  name.key = normalize_project_name(parts[0]);
  if (!parse_version(parts[1])) return std::nullopt;
  name.version = std::string(parts[1]);
  if (parts.size() == 6) {
    name.build = parse_build_tag(parts[2]);
    if (!name.build) return std::nullopt;
  }

  // PEP 425 "Compressed Tag Sets": each of the last three parts is a "."-separated set.
  size_t first_tag = parts.size() - 3;
  std::vector<std::string_view> pythons = split(parts[first_tag], '.');
  std::vector<std::string_view> abis = split(parts[first_tag + 1], '.');
  std::vector<std::string_view> platforms = split(parts[first_tag + 2], '.');
  for (const auto* set : {&pythons, &abis, &platforms}) {
    if (std::any_of(set->begin(), set->end(), [](std::string_view t) { return t.empty(); })) {
      return std::nullopt;
    }
  }
  for (std::string_view python : pythons) {
    for (std::string_view abi : abis) {
      for (std::string_view platform : platforms) {
        std::string tag = to_lower(python);
        tag += '-';
        tag += to_lower(abi);
        tag += '-';
        tag += to_lower(platform);
        if (std::find(name.tags.begin(), name.tags.end(), tag) == name.tags.end()) {
          name.tags.push_back(std::move(tag));
        }
      }
    }
  }
  return name;
}

}  // namespace pexrc
