// PEX-INFO: the JSON manifest at the root of every PEX. Only the fields pexrc
// acts on are kept; unknown keys are tolerated, as pex itself does.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pexrc {

struct PexInfo {
  std::string entry_point;  ///< "pkg.mod" or "pkg.mod:attr.attr"; empty if none
  std::string script;       ///< console/dist script name; empty if none
  std::vector<std::string> requirements;
  /// wheel file name -> fingerprint (an opaque content hash made by pex)
  std::map<std::string, std::string> distributions;
  std::vector<std::string> interpreter_constraints;
  std::vector<std::string> excluded;     ///< requirements whose projects are left out
  std::vector<std::string> overridden;   ///< requirements that replace any of the same project
  bool ignore_errors = false;            ///< unresolvable requirements are skipped, not fatal
  std::vector<std::string> inject_args;  ///< inserted at sys.argv[1:1], {pex.env.NAME} expanded
  std::map<std::string, std::string> inject_env;           ///< os.environ.setdefault
  std::vector<std::string> inject_python_args;             ///< interpreter flags
  std::map<std::string, std::string> bind_resource_paths;  ///< ENV -> resource on sys.path
  std::string venv_bin_path = "false";                     ///< "false" | "prepend" | "append"
  bool venv_hermetic_scripts = true;                       ///< venv bin/ scripts run with -sE
  bool venv_system_site_packages =
      false;  ///< the venv also sees the base interpreter's site-packages
  bool venv_site_packages_copies = false;  ///< site-packages holds files, not symlinks
  std::vector<std::string> pex_path;       ///< other PEXes merged in (pex_path and pex_paths)

  /// Whether the boot script needs the list- and map-valued settings above.
  bool has_runtime_injections() const {
    return !inject_args.empty() || !inject_env.empty() || !bind_resource_paths.empty();
  }
  bool prefer_newest = false;          ///< interpreter_selection_strategy == "newest"
  std::string inherit_path = "false";  ///< "false" | "prefer" | "fallback"
  bool strip_pex_env = true;
  bool deps_are_wheel_files = false;
  bool venv = false;            ///< built with --venv
  bool includes_tools = false;  ///< PEX_TOOLS may run (--include-tools; implied by --venv)
  std::string code_hash;
  std::string pex_hash;
};

/// Parses PEX-INFO text; throws Error(kBadPexInfo) naming `origin`.
PexInfo parse_pex_info(std::string_view json_text, const std::string& origin);

}  // namespace pexrc
