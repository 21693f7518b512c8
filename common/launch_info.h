// PEXRC-INFO: what pexrc-inject tells the launcher beyond PEX-INFO. Stored as
// the second entry of every .pexrc so the launcher reads it with PEX-INFO.
#pragma once

#include <string>
#include <string_view>

namespace pexrc {

constexpr const char* kLaunchInfoName = "PEXRC-INFO";
constexpr int kLaunchInfoFormat = 1;

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
};

std::string to_json(const LaunchInfo& info);
/// Throws Error(kNotAPex) naming `origin` if the text is not a PEXRC-INFO.
LaunchInfo parse_launch_info(std::string_view text, const std::string& origin);

/// The interpreter a #! line runs: "#!/usr/bin/env python3.11 -sE" gives
/// "python3.11", "#!/opt/py/bin/python3" gives "/opt/py/bin/python3", and a
/// line that runs no Python (e.g. pex's --sh-boot "#!/bin/sh") gives "".
std::string python_hint_from_shebang(std::string_view shebang);

}  // namespace pexrc
