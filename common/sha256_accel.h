// SHA-256 block compression by the CPU's own instructions, where it has them.
// The build picks one implementation per architecture (sha256_accel_*.cc).
#pragma once

#include <cstddef>
#include <cstdint>

namespace pexrc {

/// Compresses `count` 64-byte blocks into `state` (FIPS 180-4 section 6.2.2)
/// with CPU instructions and returns true, or returns false without touching
/// anything when this CPU has none.
bool sha256_compress_accelerated(uint32_t state[8], const uint8_t* blocks, size_t count);

}  // namespace pexrc
