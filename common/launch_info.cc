#include "common/launch_info.h"

#define JSON_NO_IO 1
#include <nlohmann/json.hpp>

#include "common/error.h"

namespace pexrc {

std::string to_json(const LaunchInfo& info) {
  nlohmann::json j{{"format", info.format},
                   {"shebang", info.shebang},
                   {"python_hint", info.python_hint},
                   {"injector_version", info.injector_version}};
  return j.dump();  // keys sorted: the output stays byte-reproducible
}

LaunchInfo parse_launch_info(std::string_view text, const std::string& origin) {
  nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  auto str = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (!j.is_object() || !j.contains("format") || !j["format"].is_number_integer())
    fail(Status::kNotAPex, origin + ": " + kLaunchInfoName + " is not valid");
  // Read at full width: narrowing first could turn 2^32 + 1 into format 1.
  int64_t format = j["format"].get<int64_t>();
  if (format != kLaunchInfoFormat)
    fail(Status::kNotAPex, origin + ": made by an incompatible pexrc-inject (format " +
                               std::to_string(format) + "); inject it again");
  LaunchInfo info;
  info.shebang = str("shebang");
  info.python_hint = str("python_hint");
  info.injector_version = str("injector_version");
  return info;
}

std::string python_hint_from_shebang(std::string_view line) {
  if (line.substr(0, 2) != "#!") return "";
  line.remove_prefix(2);
  auto next_word = [&line]() {
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos) return std::string_view();
    line.remove_prefix(start);
    size_t end = line.find_first_of(" \t");
    std::string_view word = line.substr(0, end);
    line.remove_prefix(end == std::string_view::npos ? line.size() : end);
    return word;
  };
  std::string_view program = next_word();
  std::string_view base = program.substr(program.rfind('/') + 1);
  if (base == "env") {
    std::string_view arg = next_word();
    while (!arg.empty() && arg[0] == '-') arg = next_word();  // env -S and friends
    program = arg;
    base = program.substr(program.rfind('/') + 1);
  }
  if (base.substr(0, 6) != "python" && base.substr(0, 4) != "pypy") return "";
  return std::string(program);
}

}  // namespace pexrc
