// CRC-32 (the zip/gzip one) with the carry-less multiply instructions of the
// CPU at hand, through ISA-L: the injector checks and records the CRC of
// every byte it reads, gigabytes for a big PEX, where the portable table
// version in common/crc32.h (kept for the launcher) cost several seconds.
#pragma once

#include <isa-l/crc.h>

#include <cstddef>
#include <cstdint>

namespace pexrc {

inline uint32_t fast_crc32(uint32_t crc, const void* data, size_t size) {
  return crc32_gzip_refl(crc, static_cast<const unsigned char*>(data), size);
}

}  // namespace pexrc
