// PEXRC-INFO: what pexrc-inject tells the launcher beyond PEX-INFO. Stored as
// the second entry of every .pexrc so the launcher reads it with PEX-INFO.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace pexrc {

constexpr const char* kLaunchInfoName = "PEXRC-INFO";
constexpr int kLaunchInfoFormat = 3;  // 3: "bytecode"
/// The PEX_TOOLS program (launcher/tools/pex_tools/, a `python -c` text),
/// stored fourth in a .pexrc whose PEX includes tools; absent otherwise.
constexpr const char* kToolsEntryName = "PEXRC-TOOLS";
/// The app's SBOM (CycloneDX 1.6 JSON, stored), written after the content
/// entries; PEXRC-INFO records its SHA-256 (LaunchInfo::sbom_hash).
constexpr const char* kSbomEntryName = "PEXRC-SBOM.cdx.json";

struct LaunchInfo {
  int format = kLaunchInfoFormat;
  /// The input PEX's #! line, verbatim (without the newline); may be empty.
  std::string shebang;
  /// The interpreter that #! line would run: a bare name looked up on PATH
  /// ("python3.11" from "#!/usr/bin/env python3.11") or an absolute path.
  /// The launcher treats it as pex treats the interpreter running a PEX:
  /// used if it fits, without searching further.
  std::string python_hint;
  std::string injector_version;
  /// Content hash (common/content_hash.h) of the app's own code, and of each
  /// wheel's chroot by wheel file name: what the launcher checks the files it
  /// extracts against, and the names of their cache directories.
  std::string code_hash;
  std::map<std::string, std::string> wheel_hashes;
  /// The .pyc files pexrc-inject compiled for one interpreter cache tag,
  /// stored under PEXRC-BYTECODE/<tag>/ and extracted into the units they
  /// belong to: per unit, the content hash of those files alone.
  struct Bytecode {
    std::string code_hash;  ///< "" when the app's code has none
    std::map<std::string, std::string> wheel_hashes;
  };
  std::map<std::string, Bytecode> bytecode;  ///< by cache tag, e.g. "cpython-311"
  /// SHA-256 (hex) of the kSbomEntryName entry; "" in files made before it.
  std::string sbom_hash;
};

/// Where a .pexrc keeps the bytecode compiled for each cache tag.
constexpr const char* kBytecodeDirName = "PEXRC-BYTECODE";

std::string to_json(const LaunchInfo& info);
/// Throws Error(kNotAPex) naming `origin` if the text is not a PEXRC-INFO, or
/// Error(kBadArchive) if a content hash is not one.
LaunchInfo parse_launch_info(std::string_view text, const std::string& origin);

/// The interpreter a #! line runs: "#!/usr/bin/env python3.11 -sE" gives
/// "python3.11", "#!/opt/py/bin/python3" gives "/opt/py/bin/python3", and a
/// line that runs no Python (e.g. pex's --sh-boot "#!/bin/sh") gives "".
std::string python_hint_from_shebang(std::string_view shebang);

/// A #! line that runs Python, split into the interpreter (as python_hint_from_shebang
/// gives it) and the arguments after it, blanks around them trimmed:
/// "#!/usr/bin/env python3 -u" gives {"python3", "-u"}; "#!python" gives {"python", ""}.
struct ShebangPython {
  std::string program;
  std::string args;
};
std::optional<ShebangPython> python_in_shebang(std::string_view shebang);

/// The interpreter pex's --sh-boot script (the "#!/bin/sh" prefix of a zipapp, or the
/// __main__.py of a directory PEX) tries first: its DEFAULT_PYTHON when that is an absolute
/// path (from --python-shebang), else the first name of its `for python in \` list, which
/// pex writes in preference order. "" if `script` is not such a script.
std::string python_hint_from_sh_boot(std::string_view script);

}  // namespace pexrc
