#include "launcher/venv/boot_script.h"

#include <cstdint>
#include <string_view>

#include "boot_script_py.h"  // generated from boot_script.py
#include "common/error.h"

namespace pexrc {
namespace {

// The runtime half of pex's behaviour, kept in Python (boot_script.py)
// because it acts on sys.path, sys.argv and os.environ of the interpreter that
// runs the app. It follows pex's own order of events (pex.PEX._execute):
// environment cleanup, inject_env, bind_resource_paths, then PEX_INTERPRETER,
// PEX_SCRIPT / PEX_MODULE overrides, inject_args, script or entry point.
// PEX-INFO values that are plain names are filled in below; lists and maps
// are read from the PEX-INFO copy next to the script, only when the PEX has any.
constexpr const char* kTemplate = kBootScriptPy;

// FNV-1a: a compile-time fingerprint of the template, so a venv made by a
// launcher with a different boot script is never mistaken for current.
constexpr uint64_t fingerprint(std::string_view text) {
  uint64_t h = 1469598103934665603ull;
  for (char c : text) h = (h ^ uint8_t(c)) * 1099511628211ull;
  return h;
}
constexpr uint64_t kTemplateFingerprint = fingerprint(kTemplate);

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}

// "pkg.mod" or "pkg.mod:obj.attr", with pex's trailing "[extras]" dropped.
std::string checked_entry_point(std::string ep, const std::string& pex_path) {
  size_t bracket = ep.find('[');
  if (bracket != std::string::npos) ep.erase(bracket);
  while (!ep.empty() && ep.back() == ' ') ep.pop_back();
  size_t colon = ep.find(':');
  bool ok = !ep.empty() && colon != 0 && colon + 1 != ep.size() &&
            ep.find(':', colon + 1) == std::string::npos;
  for (char c : ep) ok = ok && (is_name_char(c) || c == ':');
  if (!ok)
    fail(Status::kBadPexInfo,
         pex_path + ": PEX-INFO entry_point '" + ep + "' is not module or module:attr");
  return ep;
}

// Script names become file names in the venv's bin/ and a Python string.
std::string checked_script(const std::string& script, const std::string& pex_path) {
  bool ok = !script.empty() && script[0] != '.';
  for (char c : script) ok = ok && (is_name_char(c) || c == '-' || c == '+');
  if (!ok)
    fail(Status::kBadPexInfo, pex_path + ": PEX-INFO script '" + script + "' is not a script name");
  return script;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
    s.replace(pos, from.size(), to);
}

}  // namespace

uint64_t boot_script_fingerprint() { return kTemplateFingerprint; }

std::string boot_script(const PexInfo& info, const std::string& pex_path,
                        const std::string& site_packages, bool add_site_packages) {
  std::string text = kTemplate;
  replace_all(text, "@ENTRY_POINT@",
              info.entry_point.empty() ? "" : checked_entry_point(info.entry_point, pex_path));
  replace_all(text, "@SCRIPT@", info.script.empty() ? "" : checked_script(info.script, pex_path));
  // The remaining values were validated by parse_pex_info and the probe.
  replace_all(text, "@INHERIT@", info.inherit_path);
  replace_all(text, "@STRIP_PEX_ENV@", info.strip_pex_env ? "True" : "False");
  replace_all(text, "@VENV_BIN_PATH@", info.venv_bin_path);
  replace_all(text, "@SITE_PACKAGES@", site_packages);
  replace_all(text, "@ADD_SITE_PACKAGES@", add_site_packages ? "True" : "False");
  replace_all(text, "@READ_PEX_INFO@", info.has_runtime_injections() ? "True" : "False");
  replace_all(text, "@VENV_PEX@", info.venv ? "True" : "False");
  return text;
}

}  // namespace pexrc
