// Whether an interpreter runs on musl, and which musl: the facts packaging's
// musllinux tags come from, found the way it finds them (the ELF interpreter
// of the Python binary, then that loader's own banner), in C++ because the
// probe cannot see which libc it was linked against.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace pexrc {

/// The PT_INTERP path of an ELF file (32 or 64 bit, either byte order); nullopt if the file
/// is not ELF, is static, or cannot be read.
std::optional<std::string> elf_interpreter(const std::string& path);

/// (major, minor) from what a musl loader prints when run without arguments
/// ("musl libc (x86_64)\nVersion 1.2.3\n..."); nullopt for anything else.
std::optional<std::pair<int, int>> parse_musl_version(std::string_view loader_output);

struct MuslLibc {
  std::string loader;  ///< the PT_INTERP path whose banner gave the version
  int major = 0, minor = 0;
};

/// The musl `python` runs on: nullopt unless its ELF interpreter is a musl loader (its
/// path names musl, e.g. /lib/ld-musl-x86_64.so.1) that reports a version.
std::optional<MuslLibc> musl_libc_of(const std::string& python);

}  // namespace pexrc
