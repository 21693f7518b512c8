// Little-endian field access for on-disk records. Zip headers are packed and
// unaligned, so fields are copied byte-wise instead of read through casts.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

namespace pexrc {

inline uint16_t load_u16(const uint8_t* p) { return uint16_t(p[0] | (p[1] << 8)); }

inline uint32_t load_u32(const uint8_t* p) {
  return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}

inline uint64_t load_u64(const uint8_t* p) {
  return uint64_t(load_u32(p)) | (uint64_t(load_u32(p + 4)) << 32);
}

inline void store_u16(uint8_t* p, uint16_t v) {
  p[0] = uint8_t(v);
  p[1] = uint8_t(v >> 8);
}

inline void store_u32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = uint8_t(v >> (8 * i));
}

inline void store_u64(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = uint8_t(v >> (8 * i));
}

/// Appends little-endian fields to a growing byte string (used to build headers).
inline void put_u16(std::string& out, uint16_t v) {
  uint8_t b[2];
  store_u16(b, v);
  out.append(reinterpret_cast<const char*>(b), 2);
}
inline void put_u32(std::string& out, uint32_t v) {
  uint8_t b[4];
  store_u32(b, v);
  out.append(reinterpret_cast<const char*>(b), 4);
}
inline void put_u64(std::string& out, uint64_t v) {
  uint8_t b[8];
  store_u64(b, v);
  out.append(reinterpret_cast<const char*>(b), 8);
}

}  // namespace pexrc
