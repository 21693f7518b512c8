// PEP 425 compatibility tags: the list of "interpreter-abi-platform" tags an
// interpreter accepts, in preference order, computed from the facts the probe
// reported. The list equals what the `packaging` library's sys_tags() gives
// inside that interpreter: packaging 24.x rules for Python 3, packaging 20.9
// rules (the last line that runs on it) for Python 2.7. See pep425.cc for the
// cases the probe's facts cannot decide.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pexrc {

/// What tag computation needs to know about an interpreter; filled from the probe JSON.
struct TagFacts {
  std::string implementation;    ///< platform.python_implementation(): "CPython", "PyPy", ...
  int major = 0, minor = 0;      ///< sys.version_info[:2]
  bool free_threaded = false;    ///< sysconfig Py_GIL_DISABLED
  std::string platform;          ///< sysconfig.get_platform(), e.g. "linux-x86_64"
  std::string ext_suffix;        ///< sysconfig EXT_SUFFIX (or SO on 2.7); "" if unset
  std::string py_version_nodot;  ///< sysconfig py_version_nodot; "" if unset
  std::optional<bool> py_debug,
      with_pymalloc;  ///< sysconfig Py_DEBUG / WITH_PYMALLOC; nullopt if unset
  /// sysconfig Py_UNICODE_SIZE; nullopt if unset (any value that is not an integer counts as 0).
  std::optional<int> unicode_size;
  long long maxunicode = 0;   ///< sys.maxunicode
  bool has_refcount = false;  ///< hasattr(sys, "gettotalrefcount"): a debug build
  int pointer_bits = 64;      ///< 32 for a 32-bit interpreter (even on a 64-bit kernel)
  std::optional<std::pair<int, int>>
      glibc;  ///< (major, minor) of the glibc it runs on; nullopt if none
  std::optional<std::pair<int, int>>
      musl;  ///< (major, minor) of the musl it runs on; nullopt if none
};

/// Builds TagFacts from the probe's JSON text; throws pexrc::Error(Status::kInternal)
/// on invalid JSON and on missing or mistyped fields.
TagFacts tag_facts_from_probe(std::string_view probe_json);

/// "py3-none-any" style strings, most preferred first, duplicates removed keeping the first.
std::vector<std::string> supported_tags(const TagFacts& facts);

}  // namespace pexrc
