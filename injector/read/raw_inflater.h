// A raw-deflate (zip method 8) decoder behind one small interface, so the
// injector can use ISA-L's (2-3x zlib's speed) where it links, and zlib's
// where it must be fully static (the wheel: Debian ships no static ISA-L).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace pexrc {

class RawInflater {
 public:
  RawInflater();
  ~RawInflater();
  RawInflater(const RawInflater&) = delete;
  RawInflater& operator=(const RawInflater&) = delete;

  /// The next compressed bytes; they must stay valid until consumed.
  void give(const uint8_t* in, size_t size);
  /// Compressed bytes given and not consumed yet.
  size_t input_left() const;
  /// Decodes into `out` (at most `size` bytes) and sets `written`; false on
  /// bad data. Writing nothing while input is left and the stream is not
  /// finished means the data ends early.
  bool inflate(uint8_t* out, size_t size, size_t& written);
  /// The stream's end has been decoded.
  bool finished() const;

 private:
  struct State;
  std::unique_ptr<State> s_;
};

/// The zip/gzip CRC-32, at the speed the linked library offers.
uint32_t fast_crc32(uint32_t crc, const void* data, size_t size);

}  // namespace pexrc
