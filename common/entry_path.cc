#include "common/entry_path.h"

#include <algorithm>
#include <set>

#include "common/text.h"

namespace pexrc {
namespace {

constexpr size_t kMaxComponent = 255;  // NAME_MAX on Linux file systems

std::string spelling_problem(std::string_view name) {
  for (size_t i = 0; i < name.size();) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == 0) return "contains a NUL byte";
    if (c < 0x20 || c == 0x7F) return "contains a control character";
    size_t n = utf8_sequence_length(name, i);
    if (n == 0) return "is not valid UTF-8";
    i += n;
  }
  return "";
}

}  // namespace

std::string entry_name_problem(std::string_view name) {
  if (name.empty()) return "is empty";
  if (name.front() == '/') return "is an absolute path";
  std::string spelling = spelling_problem(name);
  if (!spelling.empty()) return spelling;
  if (name.back() == '/') name.remove_suffix(1);
  if (name.empty()) return "is empty";
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    std::string_view part = name.substr(start, end - start);
    if (part.empty()) return "has an empty path component";
    if (part == "." || part == "..") return "has a '" + std::string(part) + "' component";
    if (part.size() > kMaxComponent) return "has a component longer than 255 bytes";
    start = end + 1;
  }
  return "";
}

std::string printable_name(std::string_view name) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c >= 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += char(c);
    }
  }
  return out;
}

bool is_plain_component(std::string_view name) {
  return name.find('/') == std::string_view::npos && entry_name_problem(name).empty();
}

bool is_safe_key(std::string_view key) {
  if (key.empty() || key.size() > 128) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
           c == '_';
  });
}

std::string name_clash(const std::vector<std::string_view>& names) {
  std::set<std::string_view> seen;
  std::set<std::string_view> files;
  for (std::string_view name : names) {
    bool is_dir = !name.empty() && name.back() == '/';
    std::string_view path = is_dir ? name.substr(0, name.size() - 1) : name;
    if (!seen.insert(path).second) return "'" + std::string(path) + "' is in the archive twice";
    if (!is_dir) files.insert(path);
  }
  for (std::string_view path : seen)
    for (size_t slash = path.find('/'); slash != std::string_view::npos;
         slash = path.find('/', slash + 1))
      if (files.count(path.substr(0, slash)))
        return "'" + std::string(path) + "' lies under '" + std::string(path.substr(0, slash)) +
               "', which is a file";
  return "";
}

std::string archive_names_problem(const std::vector<std::string_view>& names) {
  for (std::string_view name : names) {
    std::string problem = entry_name_problem(name);
    if (!problem.empty()) return "entry name '" + printable_name(name) + "' " + problem;
  }
  return name_clash(names);
}

}  // namespace pexrc
