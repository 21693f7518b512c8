// extract: the data of one archive entry, to a new file or into memory.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/zip_format.h"
#include "common/zip_reader.h"

typedef struct ZSTD_DCtx_s ZSTD_DCtx;

namespace pexrc {

/// Per-thread scratch space, reused across entries.
struct EntryScratch {
  ZSTD_DCtx* dctx = nullptr;
  std::string in;
  std::string out;
  EntryScratch();
  ~EntryScratch();
  EntryScratch(const EntryScratch&) = delete;
  EntryScratch& operator=(const EntryScratch&) = delete;
};

/// Creates `dest` (which must not exist) with the entry's content and mode.
/// Stored entries are CRC-checked; zstd frames carry their own checksum.
/// Throws Error(kBadArchive) on corrupt data, Error(kIo) on write failure.
void write_entry(const ZipReader& zip, const zip::Entry& entry, const std::string& dest,
                 EntryScratch& scratch);

/// The entry's content in memory (for small metadata files such as METADATA).
std::string read_entry(const ZipReader& zip, const zip::Entry& entry, EntryScratch& scratch);

}  // namespace pexrc
