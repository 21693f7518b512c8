// extract: the data of one archive entry, to a new file or into memory.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/content_hash.h"
#include "common/file_io.h"
#include "common/zip_format.h"
#include "common/zip_reader.h"

typedef struct ZSTD_DCtx_s ZSTD_DCtx;

namespace pexrc {

/// Per-thread scratch space, reused across entries.
struct EntryScratch {
  ZSTD_DCtx* dctx = nullptr;
  std::string in;
  std::string out;
  std::string frame_in, frame_out;  ///< one whole frame each, grown on first use
  EntryScratch();
  ~EntryScratch();
  EntryScratch(const EntryScratch&) = delete;
  EntryScratch& operator=(const EntryScratch&) = delete;
};

/// Creates `dest` (which must not exist) with the entry's content and mode,
/// and returns the content's digest (common/content_hash.h), taken as it is
/// written. Stored entries are CRC-checked; zstd frames carry their own
/// checksum. Throws Error(kBadArchive) on corrupt data, Error(kIo) on write
/// failure.
Digest write_entry(const ZipReader& zip, const zip::Entry& entry, const std::string& dest,
                 EntryScratch& scratch);

/// The digest write_entry would return, without writing anything: every
/// check of write_entry, for `pexrc-inject verify`.
Digest digest_entry(const ZipReader& zip, const zip::Entry& entry, EntryScratch& scratch);

/// Creates `dest` (which must not exist) with the entry's mode, sized to
/// its content up front so that frames can be written at their offsets.
UniqueFd create_entry_file(const zip::Entry& entry, const std::string& dest);

/// Throws Error(kBadArchive) unless the entry's frames (if any) are of the
/// span pexrc-inject writes, the content hash's piece size.
void check_frame_span(const ZipReader& zip, const zip::Entry& entry);

/// Decodes frame `index` of an entry with a frame table, whose compressed
/// bytes start at absolute `offset`; the result lives in scratch.frame_out.
/// The frame's checksum and size are checked.
std::string_view decode_frame(const ZipReader& zip, const zip::Entry& entry, size_t index,
                              uint64_t offset, EntryScratch& scratch);

/// The entry's content in memory (for small metadata files such as METADATA).
std::string read_entry(const ZipReader& zip, const zip::Entry& entry, EntryScratch& scratch);

}  // namespace pexrc
