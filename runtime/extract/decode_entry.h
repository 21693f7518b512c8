// extract: the data of one archive entry, to a new file or into memory.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/content_hash.h"
#include "common/file_io.h"
#include "common/zip_format.h"
#include "common/zip_reader.h"
#include "runtime/extract/step_times.h"

typedef struct ZSTD_DCtx_s ZSTD_DCtx;

namespace pexrc {

/// What decoding checks besides sizes and the zstd format. Extraction hashes
/// every byte with SHA-256 and publishes nothing unless the hashes match what
/// the injector recorded, so the zip's CRC-32 and zstd's XXH64 would only
/// check the same bytes a second time there; verify and in-memory reads (whose
/// bytes no content hash covers) keep them.
enum class Integrity { kArchiveChecks, kContentHashOnly };

/// Per-thread scratch space, reused across entries.
struct EntryScratch {
  ZSTD_DCtx* dctx = nullptr;
  std::string in;
  std::string out;
  std::string frame_in, frame_out;  ///< one whole frame each, grown on first use
  StepTimes times;                  ///< of write_entry and decode_frame(kContentHashOnly)
  EntryScratch();
  ~EntryScratch();
  EntryScratch(const EntryScratch&) = delete;
  EntryScratch& operator=(const EntryScratch&) = delete;
};

/// Creates `dest` (which must not exist) with the entry's content and mode,
/// and returns the content's digest (common/content_hash.h), taken as it is
/// written. The caller must compare that digest with the recorded one: the
/// archive's own checksums are not checked (Integrity::kContentHashOnly).
/// Throws Error(kBadArchive) on corrupt data, Error(kIo) on write failure.
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
/// The frame's size is checked, and its checksum with kArchiveChecks.
std::string_view decode_frame(const ZipReader& zip, const zip::Entry& entry, size_t index,
                              uint64_t offset, EntryScratch& scratch, Integrity integrity);

/// The entry's content in memory (for small metadata files such as METADATA).
std::string read_entry(const ZipReader& zip, const zip::Entry& entry, EntryScratch& scratch);

}  // namespace pexrc
