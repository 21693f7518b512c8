#include "common/launch_info.h"

#include <algorithm>

#include "common/content_hash.h"
#include "common/entry_path.h"
#include "common/error.h"
#include "common/json.h"
#include "common/json_path.h"
#include "common/text.h"

namespace pexrc {

std::string to_json(const LaunchInfo& info) {
  // The #! line and the interpreter it names are bytes, as the kernel reads them.
  nlohmann::json j{{"format", info.format},
                   {"shebang", path_to_json(info.shebang)},
                   {"python_hint", path_to_json(info.python_hint)},
                   {"injector_version", info.injector_version},
                   {"code_hash", info.code_hash},
                   {"wheel_hashes", info.wheel_hashes}};
  nlohmann::json bytecode = nlohmann::json::object();
  for (const auto& [tag, hashes] : info.bytecode) {
    nlohmann::json layer{{"wheel_hashes", hashes.wheel_hashes}};
    if (!hashes.code_hash.empty()) layer["code_hash"] = hashes.code_hash;
    bytecode[tag] = std::move(layer);
  }
  j["bytecode"] = std::move(bytecode);
  if (!info.sbom_hash.empty()) j["sbom_hash"] = info.sbom_hash;
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
  info.shebang = path_member(j, "shebang");
  info.python_hint = path_member(j, "python_hint");
  info.injector_version = str("injector_version");
  info.code_hash = str("code_hash");
  auto bad_hash = [&](const std::string& what) {
    fail(Status::kBadArchive,
         origin + ": " + kLaunchInfoName + ": " + what + " has no valid content hash");
  };
  if (!is_content_hash(info.code_hash)) bad_hash("code_hash");
  if (j.contains("sbom_hash")) {
    info.sbom_hash = str("sbom_hash");
    if (!is_content_hash(info.sbom_hash)) bad_hash("sbom_hash");
  }
  auto wheels = j.find("wheel_hashes");
  if (wheels == j.end() || !wheels->is_object()) bad_hash("wheel_hashes");
  for (auto it = wheels->begin(); it != wheels->end(); ++it) {
    if (!it->is_string() || !is_content_hash(it->get_ref<const std::string&>())) bad_hash(it.key());
    info.wheel_hashes[it.key()] = it->get<std::string>();
  }
  auto bytecode = j.find("bytecode");  // absent: none shipped
  if (bytecode == j.end()) return info;
  if (!bytecode->is_object()) bad_hash("bytecode");
  for (auto tag = bytecode->begin(); tag != bytecode->end(); ++tag) {
    const std::string what = "bytecode " + tag.key();
    if (!is_plain_component(tag.key()) || !tag->is_object()) bad_hash(what);
    LaunchInfo::Bytecode& layer = info.bytecode[tag.key()];
    if (auto code = tag->find("code_hash"); code != tag->end()) {
      if (!code->is_string() || !is_content_hash(code->get_ref<const std::string&>()))
        bad_hash(what);
      layer.code_hash = code->get<std::string>();
    }
    auto layer_wheels = tag->find("wheel_hashes");
    if (layer_wheels == tag->end() || !layer_wheels->is_object()) bad_hash(what);
    for (auto it = layer_wheels->begin(); it != layer_wheels->end(); ++it) {
      if (!it->is_string() || !is_content_hash(it->get_ref<const std::string&>()))
        bad_hash(what + " " + it.key());
      layer.wheel_hashes[it.key()] = it->get<std::string>();
    }
  }
  return info;
}

std::optional<ShebangPython> python_in_shebang(std::string_view line) {
  if (!consume_prefix(line, "#!")) return std::nullopt;
  constexpr std::string_view kBlanks = " \t\r";
  auto next_word = [&line, kBlanks]() {
    size_t start = line.find_first_not_of(kBlanks);
    if (start == std::string_view::npos) start = line.size();
    line.remove_prefix(start);
    size_t end = line.find_first_of(kBlanks);
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
  if (!base.starts_with("python") && !base.starts_with("pypy")) return std::nullopt;
  return ShebangPython{std::string(program), std::string(trim(line, kBlanks))};
}

std::string python_hint_from_shebang(std::string_view line) {
  std::optional<ShebangPython> python = python_in_shebang(line);
  return python ? python->program : std::string();
}

std::string python_hint_from_sh_boot(std::string_view script) {
  // pex's script assigns DEFAULT_PYTHON="..." near its top and then loops
  // `for python in \` over one quoted name per line, each ending in " \".
  std::string default_python;
  bool in_list = false;
  while (!script.empty()) {
    size_t eol = script.find('\n');
    std::string_view line = script.substr(0, eol);
    script.remove_prefix(eol == std::string_view::npos ? script.size() : eol + 1);
    size_t first = line.find_first_not_of(" \t");
    line.remove_prefix(first == std::string_view::npos ? line.size() : first);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
      line.remove_suffix(1);
    if (in_list) {
      // The first candidate: a quoted name, then the line continuation.
      size_t close = line.size() > 1 && line[0] == '"' ? line.find('"', 1) : std::string_view::npos;
      if (close == std::string_view::npos) return "";
      std::string_view name = line.substr(1, close - 1);
      std::string_view rest = line.substr(close + 1);
      rest.remove_prefix(std::min(rest.find_first_not_of(" \t"), rest.size()));
      if (name.empty() || rest != "\\" || name.find_first_of(" \t/$`\\") != std::string_view::npos)
        return "";
      return default_python.empty() ? std::string(name) : default_python;
    }
    constexpr std::string_view kDefault = "DEFAULT_PYTHON=\"";
    if (default_python.empty() && line.substr(0, kDefault.size()) == kDefault) {
      std::string_view value = line.substr(kDefault.size());
      size_t quote = value.find('"');
      if (quote != std::string_view::npos && quote > 0 && value[0] == '/')
        default_python = std::string(value.substr(0, quote));
    } else if (line == "for python in \\") {
      in_list = true;
    }
  }
  return "";
}

}  // namespace pexrc
