// inspect: `pexrc-inject verify`: decode every entry of a .pexrc as the
// launcher would, checking every checksum, and every cache unit's content
// hash against PEXRC-INFO, without writing anything.
#pragma once

#include <cstdint>
#include <string>

namespace pexrc {

struct PexrcVerifyReport {
  uint64_t entries = 0, files = 0;
  uint64_t stored_bytes = 0, uncompressed_bytes = 0;
  uint64_t units = 0;  ///< content hashes checked: the code and each wheel
};

/// Throws Error for the first problem in archive order, naming the entry (or
/// the unit): kBadArchive for a bad directory, name, header, CRC, zstd frame
/// or size, kTampered for a content hash that does not match, kNotAPex /
/// kBadPexInfo for a file that is not a .pexrc. Memory stays bounded by the
/// entry count and `jobs` decode buffers, whatever the file size.
PexrcVerifyReport verify_pexrc(const std::string& path, unsigned jobs);

}  // namespace pexrc
