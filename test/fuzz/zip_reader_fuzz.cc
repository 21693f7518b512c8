// Fuzz target: ZipReader over arbitrary bytes, then what the launcher does
// with the entries it lists: the leading records (PEX-INFO, PEXRC-INFO) read
// as stored data, whole entries decoded (stored or zstd), and entries with a
// frame table decoded frame by frame at the offsets the extractor computes.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/error.h"
#include "common/zip_reader.h"
#include "runtime/extract/decode_entry.h"
#include "test/fuzz/fuzz_input.h"

namespace {

using pexrc::Error;
using pexrc::ZipReader;
namespace zip = pexrc::zip;

// Bounds of this harness, not of the reader: the launcher streams big entries
// to disk, while read_entry keeps them in memory, so only entries that claim
// at most this much are decoded whole. Frames are decoded one at a time, as
// the launcher does, whatever their entry's size.
constexpr uint64_t kMaxInMemory = 16 << 20;
// Past a few entries a corpus input only repeats the same code paths.
constexpr size_t kMaxEntries = 16;

// As extract.cc's SharedFile: frame i starts where the sizes before it end.
void decode_frames(const ZipReader& reader, const zip::Entry& e, pexrc::EntryScratch& scratch) {
  uint64_t at = reader.data_offset(e);
  for (size_t i = 0; i < e.frames.sizes.size(); ++i) {
    pexrc::decode_frame(reader, e, i, at, scratch, pexrc::Integrity::kArchiveChecks);
    at += e.frames.sizes[i];
  }
}

void decode(const ZipReader& reader, const zip::Entry& e, pexrc::EntryScratch& scratch) {
  // schedule.cc splits an entry into frames only when it has two or more.
  if (e.frames.sizes.size() >= 2) return decode_frames(reader, e, scratch);
  if (e.uncompressed_size <= kMaxInMemory) pexrc::read_entry(reader, e, scratch);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  pexrc::UniqueFd fd = pexrc::fuzz::memfd_holding(data, size);
  try {
    ZipReader reader(fd.get(), "fuzz.zip");
    // The launcher's hot path: only the first records, read as stored data.
    try {
      for (const zip::Entry& e : reader.read_leading(2)) {
        if (e.uncompressed_size <= kMaxInMemory) reader.read_stored(e);
      }
    } catch (const Error&) {
    }
    std::vector<zip::Entry> entries = reader.read_all();
    pexrc::EntryScratch scratch;  // one per input so that a crash reproduces alone
    for (size_t i = 0; i < entries.size() && i < kMaxEntries; ++i) {
      try {
        decode(reader, entries[i], scratch);
      } catch (const Error&) {
        // A corrupt entry: the launcher stops there; here the next one is tried.
      }
    }
  } catch (const Error&) {
  }
  return 0;
}
