// CRC-32 as zip uses it (ISO-HDLC polynomial 0xEDB88320, APPNOTE 4.4.7).
#pragma once

#include <cstddef>
#include <cstdint>

namespace pexrc {

/// Continues a running CRC: start with crc = 0, feed the data in any number of pieces.
uint32_t crc32_update(uint32_t crc, const void* data, size_t size);

}  // namespace pexrc
