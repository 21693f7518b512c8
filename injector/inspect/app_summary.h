// inspect: what a .pexrc holds, for `pexrc-inject info`: read from its ELF
// header, PEX-INFO, PEXRC-INFO and central directory only (no entry is decoded).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace pexrc {

struct AppSummary {
  std::string path;
  uint64_t file_bytes = 0;
  uint64_t launcher_bytes = 0;          ///< the stub in front of the zip
  std::string target;                   ///< from the stub's ELF header, e.g. "x86_64-linux"
  std::string launcher;                 ///< its identity line, "" if it has none (older builds)
  bool launcher_is_this_build = false;  ///< byte-identical to this pexrc-inject's stub
  std::string injector_version;         ///< from PEXRC-INFO
  std::string sbom_hash;                ///< SHA-256 of the SBOM entry; "" if none
  std::string entry_point, script;      ///< PEX-INFO's (at most one is set)
  std::vector<std::string> interpreter_constraints;
  std::vector<std::string> requirements;
  /// Wheel file names by their platform tag ("any", "manylinux_2_17_x86_64", ...).
  std::map<std::string, std::vector<std::string>> wheels_by_platform;
  uint64_t entries = 0, files = 0, zstd_files = 0;
  uint64_t stored_bytes = 0;        ///< the entries' data as stored (compressed)
  uint64_t uncompressed_bytes = 0;  ///< the same, decoded
  /// Shipped bytecode by cache tag: files, and their stored and decoded bytes.
  struct Bytecode {
    uint64_t files = 0, stored_bytes = 0, uncompressed_bytes = 0;
  };
  std::map<std::string, Bytecode> bytecode;
};

/// Throws Error (kNotAPex, kBadArchive, kBadPexInfo) naming `path`.
AppSummary summarize_pexrc(const std::string& path);

/// Aligned "key: value" lines.
std::string summary_text(const AppSummary& s);
/// One JSON object (sizes in bytes), followed by a newline.
std::string summary_json(const AppSummary& s);

}  // namespace pexrc
