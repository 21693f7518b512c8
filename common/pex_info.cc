#include "common/pex_info.h"

// No iostream in the static launcher: nlohmann's stream operators are compiled out.
#include "common/error.h"
#include "common/json.h"
#include "common/text.h"

namespace pexrc {
namespace {

using Json = nlohmann::json;

class Fields {
 public:
  Fields(const Json& root, const std::string& origin) : root_(root), origin_(origin) {}

  [[noreturn]] void bad(const char* key, const char* want) const {
    fail(Status::kBadPexInfo, origin_ + ": PEX-INFO field '" + key + "' must be " + want);
  }

  const Json* find(const char* key) const {
    auto it = root_.find(key);
    return it == root_.end() || it->is_null() ? nullptr : &*it;
  }

  void string(const char* key, std::string& out) const {
    if (const Json* v = find(key)) {
      if (!v->is_string()) bad(key, "a string");
      out = v->get<std::string>();
    }
  }

  void boolean(const char* key, bool& out) const {
    if (const Json* v = find(key)) {
      if (!v->is_boolean()) bad(key, "true or false");
      out = v->get<bool>();
    }
  }

  void strings(const char* key, std::vector<std::string>& out) const {
    if (const Json* v = find(key)) {
      if (!v->is_array()) bad(key, "a list of strings");
      for (const Json& item : *v) {
        if (!item.is_string()) bad(key, "a list of strings");
        out.push_back(item.get<std::string>());
      }
    }
  }

  void string_map(const char* key, std::map<std::string, std::string>& out) const {
    if (const Json* v = find(key)) {
      if (!v->is_object()) bad(key, "an object of strings");
      for (auto it = v->begin(); it != v->end(); ++it) {
        if (!it.value().is_string()) bad(key, "an object of strings");
        out[it.key()] = it.value().get<std::string>();
      }
    }
  }

 private:
  const Json& root_;
  const std::string& origin_;
};

}  // namespace

PexInfo parse_pex_info(std::string_view text, const std::string& origin) {
  Json root = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) fail(Status::kBadPexInfo, origin + ": PEX-INFO is not valid JSON");
  if (!root.is_object()) fail(Status::kBadPexInfo, origin + ": PEX-INFO is not a JSON object");

  PexInfo info;
  Fields f(root, origin);
  f.string("entry_point", info.entry_point);
  f.string("script", info.script);
  f.strings("requirements", info.requirements);
  f.string_map("distributions", info.distributions);
  f.strings("interpreter_constraints", info.interpreter_constraints);
  f.strings("excluded", info.excluded);
  f.strings("overridden", info.overridden);
  f.boolean("ignore_errors", info.ignore_errors);
  f.strings("inject_args", info.inject_args);
  f.string_map("inject_env", info.inject_env);
  f.strings("inject_python_args", info.inject_python_args);
  f.string_map("bind_resource_paths", info.bind_resource_paths);
  f.boolean("venv_hermetic_scripts", info.venv_hermetic_scripts);
  f.boolean("venv_system_site_packages", info.venv_system_site_packages);
  f.boolean("venv_site_packages_copies", info.venv_site_packages_copies);
  f.strings("pex_paths", info.pex_path);
  std::string joined;
  f.string("pex_path", joined);  // older spelling: one ':'-joined string
  for (std::string& entry : split_nonempty(joined, ':')) info.pex_path.push_back(std::move(entry));
  // venv_bin_path was a boolean-ish string; older PEXes may lack it.
  f.string("venv_bin_path", info.venv_bin_path);
  if (info.venv_bin_path != "false" && info.venv_bin_path != "prepend" &&
      info.venv_bin_path != "append")
    f.bad("venv_bin_path", "\"false\", \"prepend\" or \"append\"");
  f.boolean("strip_pex_env", info.strip_pex_env);
  f.boolean("deps_are_wheel_files", info.deps_are_wheel_files);
  f.boolean("venv", info.venv);
  info.includes_tools = info.venv;  // pex: a --venv PEX always has its tools
  f.boolean("includes_tools", info.includes_tools);
  f.string("code_hash", info.code_hash);
  f.string("pex_hash", info.pex_hash);

  std::string strategy = "oldest";
  f.string("interpreter_selection_strategy", strategy);
  if (strategy != "oldest" && strategy != "newest")
    f.bad("interpreter_selection_strategy", "\"oldest\" or \"newest\"");
  info.prefer_newest = strategy == "newest";

  // inherit_path was a boolean before pex 1.6; true meant "prefer".
  if (const Json* v = f.find("inherit_path")) {
    if (v->is_boolean()) {
      info.inherit_path = v->get<bool>() ? "prefer" : "false";
    } else if (v->is_string()) {
      info.inherit_path = v->get<std::string>();
      if (info.inherit_path != "false" && info.inherit_path != "prefer" &&
          info.inherit_path != "fallback")
        f.bad("inherit_path", "\"false\", \"prefer\" or \"fallback\"");
    } else {
      f.bad("inherit_path", "a string");
    }
  }
  if (!info.entry_point.empty() && !info.script.empty())
    fail(Status::kBadPexInfo, origin + ": PEX-INFO sets both entry_point and script");
  return info;
}

}  // namespace pexrc
