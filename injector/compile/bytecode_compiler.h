// compile: the .pyc files of a PEX's importable sources for each target
// interpreter, made by that interpreter (compile_server.py) on every core.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/file_io.h"
#include "injector/compile/compile_targets.h"
#include "injector/progress.h"
#include "injector/read/input_tree.h"
#include "injector/read/pex_input.h"

namespace pexrc {

/// One compiled file: its entry name in the .pexrc
/// (PEXRC-BYTECODE/<tag>/<source dir>/__pycache__/<module>.<tag>.pyc) and
/// where its bytes sit in the spill file.
struct CompiledFile {
  std::string name;
  uint64_t offset = 0;
  uint64_t size = 0;
};

class CompiledBytecode {
 public:
  std::vector<CompiledFile> files;  ///< sorted by name: the order they are written in
  std::map<std::string, uint64_t> files_per_tag;
  uint64_t bytes = 0;
  uint64_t sources = 0;  ///< distinct sources compiled (for any tag)

  /// Reads one file back (any thread, one at a time per source).
  std::unique_ptr<EntrySource> open(const CompiledFile& file) const;

 private:
  friend CompiledBytecode compile_bytecode(PexInput&, const std::vector<CompileTarget>&, unsigned,
                                           const std::string&, const ProgressSettings&);
  std::shared_ptr<UniqueFd> spill_;
};

/// Compiles every importable .py of the app's code (for every target) and of
/// each wheel (for the targets that accept it), skipping sources the input
/// already ships a .pyc of that tag for, sources a target cannot compile and
/// any over 256 MiB. `jobs` threads take fixed lanes of consecutive sources,
/// each lane compiled by fresh servers (one per target), so the bytes do not
/// depend on `jobs`; sources and .pyc files go to unlinked files in
/// `spill_dir`. Throws Error if an interpreter cannot be run or stops answering.
CompiledBytecode compile_bytecode(PexInput& input, const std::vector<CompileTarget>& targets,
                                  unsigned jobs, const std::string& spill_dir,
                                  const ProgressSettings& progress);

}  // namespace pexrc
