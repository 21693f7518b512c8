// compile: which interpreters pexrc-inject compiles the PEX's bytecode for.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "common/pex_info.h"

namespace pexrc {

/// One interpreter cache tag to compile for, and the interpreter that does it.
struct CompileTarget {
  std::string python;            ///< the executable that compiles
  std::string cache_tag;         ///< sys.implementation.cache_tag, e.g. "cpython-311"
  std::string label;             ///< "CPython 3.11.7 (/usr/bin/python3.11)"
  std::set<std::string> wheels;  ///< PEX-INFO's wheels whose tags this interpreter accepts
};

/// The interpreters named by --compile-for (a path, or a name looked up on
/// PATH), each of which must be CPython or PyPy 3.7+ that can run the PEX
/// (its interpreter constraints, and a wheel its tags accept for every
/// project) or the run stops with Error(kUsage) saying why. Without any,
/// when `discover`: the interpreter the PEX's #! line names (`python_hint`,
/// the one pex would run it with) if it is on PATH and qualifies, else every
/// qualifying one on PATH. One per cache tag, the first found. Python before
/// 3.7 has no hash-based .pyc (PEP 552): its .pyc files are checked against
/// the source's mtime, which extraction sets, so they cannot be made ahead.
std::vector<CompileTarget> choose_compile_targets(const std::vector<std::string>& requested,
                                                  bool discover, const std::string& python_hint,
                                                  const PexInfo& info);

}  // namespace pexrc
