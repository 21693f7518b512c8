// Architectures without an accelerated path: the portable code runs.
#include "common/sha256_accel.h"

namespace pexrc {

bool sha256_compress_accelerated(uint32_t*, const uint8_t*, size_t) { return false; }

}  // namespace pexrc
