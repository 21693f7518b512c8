#include "injector/inspect/verify.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "common/content_hash.h"
#include "common/entry_path.h"
#include "common/error.h"
#include "injector/write/unit_hashes.h"
#include "runtime/extract/decode_entry.h"
#include "runtime/extract/parallel_for.h"
#include "runtime/locate/payload.h"

namespace pexrc {
namespace {

// What the launcher computes for the entry: frame by frame (each frame's size
// and checksum checked, as extraction decodes them) when it has a frame
// table, else in one stream.
Digest entry_digest(const ZipReader& zip, const zip::Entry& e, EntryScratch& scratch) {
  if (e.frames.sizes.empty()) return digest_entry(zip, e, scratch);
  check_frame_span(zip, e);
  std::vector<Digest> pieces;
  uint64_t offset = zip.data_offset(e);
  for (size_t i = 0; i < e.frames.sizes.size(); ++i) {
    Sha256 piece;
    piece.update(decode_frame(zip, e, i, offset, scratch, Integrity::kArchiveChecks));
    pieces.push_back(piece.finish());
    offset += e.frames.sizes[i];
  }
  return file_digest_of_pieces(pieces);
}

}  // namespace

PexrcVerifyReport verify_pexrc(const std::string& path, unsigned jobs) {
  Payload p = open_other_payload(path);
  const ZipReader& zip = *p.zip;
  std::vector<zip::Entry> entries = zip.read_all();

  std::vector<std::string_view> names;
  names.reserve(entries.size());
  for (const zip::Entry& e : entries) names.push_back(e.name);
  std::string problem = archive_names_problem(names);
  if (!problem.empty()) fail(Status::kBadArchive, zip.path() + ": " + problem);

  // Every entry is decoded, in parallel; the problem reported is the first in
  // archive order whichever thread met it, so the message is reproducible.
  std::vector<Digest> digests(entries.size());
  std::vector<std::optional<Error>> errors(entries.size());
  std::vector<std::unique_ptr<EntryScratch>> scratch(std::max(1u, jobs));
  for (auto& s : scratch) s = std::make_unique<EntryScratch>();
  parallel_for(entries.size(), unsigned(scratch.size()), [&](size_t i, unsigned worker) {
    const zip::Entry& e = entries[i];
    try {
      if (e.is_directory()) {
        if (e.uncompressed_size != 0)
          fail(Status::kBadArchive, zip.path() + ": " + e.name + ": a directory with data");
        (void)zip.data_offset(e);
        return;
      }
      digests[i] = entry_digest(zip, e, *scratch[worker]);
    } catch (const Error& error) {
      errors[i] = error;
    }
  });
  for (const std::optional<Error>& e : errors)
    if (e) throw *e;

  std::vector<std::string> wheels;
  for (const auto& [wheel, fingerprint] : p.info.distributions) wheels.push_back(wheel);
  UnitHashes hashes(wheels);
  PexrcVerifyReport report;
  for (size_t i = 0; i < entries.size(); ++i) {
    const zip::Entry& e = entries[i];
    ++report.entries;
    if (e.is_directory()) {
      hashes.add_directory(e.name);
      continue;
    }
    ++report.files;
    report.stored_bytes += e.compressed_size;
    report.uncompressed_bytes += e.uncompressed_size;
    hashes.add_file(e.name, e.unix_mode(), e.uncompressed_size, digests[i]);
  }
  LaunchInfo found;
  hashes.record_in(found);
  auto altered = [&](const std::string& unit) {
    fail(Status::kTampered, zip.path() + ": " + unit +
                                ": its files do not match the content hash PEXRC-INFO records "
                                "(altered after pexrc-inject wrote it)");
  };
  if (found.code_hash != p.launch.code_hash) altered("user code");
  ++report.units;
  for (const auto& [wheel, hash] : found.wheel_hashes) {
    auto it = p.launch.wheel_hashes.find(wheel);
    if (it == p.launch.wheel_hashes.end())
      fail(Status::kBadArchive, zip.path() + ": PEXRC-INFO has no content hash for " + wheel);
    if (it->second != hash) altered(wheel);
    ++report.units;
  }
  // Shipped bytecode: every layer PEXRC-INFO records, and nothing else.
  for (const auto& [tag, layer] : p.launch.bytecode) {
    auto it = found.bytecode.find(tag);
    const LaunchInfo::Bytecode none;
    const LaunchInfo::Bytecode& have = it == found.bytecode.end() ? none : it->second;
    std::string what = " (bytecode for " + tag + ")";
    if (have.code_hash != layer.code_hash) altered("user code" + what);
    if (!layer.code_hash.empty()) ++report.units;
    for (const auto& [wheel, hash] : layer.wheel_hashes) {
      auto h = have.wheel_hashes.find(wheel);
      if (h == have.wheel_hashes.end() || h->second != hash) altered(wheel + what);
      ++report.units;
    }
    for (const auto& [wheel, hash] : have.wheel_hashes)
      if (!layer.wheel_hashes.count(wheel)) altered(wheel + what);
  }
  for (const auto& [tag, layer] : found.bytecode)
    if (!p.launch.bytecode.count(tag))
      fail(Status::kBadArchive,
           zip.path() + ": bytecode for " + tag + " that PEXRC-INFO does not record");
  // The SBOM: its SHA-256 against PEXRC-INFO's (files made before SBOMs have none).
  if (!p.launch.sbom_hash.empty()) (void)read_sbom(p);
  return report;
}

}  // namespace pexrc
