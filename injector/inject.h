// inject: read an input PEX -> recompress its entries -> write stub + zip.
#pragma once

#include <cstdint>
#include <string>

#include "injector/progress.h"

namespace pexrc {

struct InjectOptions {
  std::string input;
  std::string output;
  std::string target;
  unsigned jobs = 1;
  int level = 9;
  ProgressSettings progress;  ///< how stderr shows what is written
};

struct InjectReport {
  uint64_t entries = 0;    ///< entries written
  uint64_t raw_bytes = 0;  ///< uncompressed size of what was written
  uint64_t input_bytes = 0;
  uint64_t output_bytes = 0;
  uint64_t stub_bytes = 0;
};

/// Throws Error on bad input or I/O failure; the output then does not exist
/// (or is left as it was).
InjectReport inject(const InjectOptions& options);

}  // namespace pexrc
