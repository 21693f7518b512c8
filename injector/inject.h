// inject: read an input PEX -> recompress its entries -> write stub + zip.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "injector/progress.h"

namespace pexrc {

struct InjectOptions {
  std::string input;
  std::string output;                ///< "" for the default; may hold "{target}"
  std::vector<std::string> targets;  ///< canonical; empty: inferred from the wheels
  unsigned jobs = 1;
  int level = 3;
  /// Interpreters to compile bytecode for (paths or names on PATH); when
  /// empty, those on PATH that can run the PEX, unless `compile` is false.
  std::vector<std::string> compile_for;
  bool compile = true;
  bool quiet = false;         ///< no warnings on stderr
  ProgressSettings progress;  ///< how stderr shows what is written
};

struct WrittenOutput {
  std::string target;
  std::string path;
  uint64_t bytes = 0;
  uint64_t stub_bytes = 0;
};

struct InjectReport {
  uint64_t entries = 0;    ///< entries written (per output)
  uint64_t raw_bytes = 0;  ///< uncompressed size of what was written
  uint64_t input_bytes = 0;
  std::vector<WrittenOutput> outputs;              ///< one per target, in order
  std::map<std::string, uint64_t> bytecode_files;  ///< .pyc files shipped, by cache tag
  std::vector<std::string> compiled_by;            ///< the interpreters that made them
  uint64_t bytecode_bytes = 0;                     ///< their uncompressed size
};

/// Throws Error on bad input or I/O failure; no output then exists (or each is
/// left as it was). The payload is compressed once, whatever the number of targets.
InjectReport inject(const InjectOptions& options);

}  // namespace pexrc
