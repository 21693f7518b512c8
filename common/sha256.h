// SHA-256 as specified by FIPS 180-4, section 6.2.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pexrc {

/// Incremental SHA-256: construct, update() with the message in any number of pieces, then
/// finish() once. After finish() the object must not be updated again.
class Sha256 {
 public:
  Sha256();

  /// Appends `size` bytes at `data` to the message.
  void update(const void* data, size_t size);
  void update(std::string_view s) { update(s.data(), s.size()); }

  /// Pads the message and returns its 32-byte digest.
  std::array<uint8_t, 32> finish();

 private:
  void compress(const uint8_t* blocks, size_t count);

  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;  ///< bytes waiting in buffer_ for a full block
  uint64_t length_ = 0;  ///< message length so far, in bytes
};

/// The portable block function Sha256 uses where the CPU has no SHA
/// instructions (exposed so tests can compare both).
void compress_portable(std::array<uint32_t, 8>& state, const uint8_t* blocks, size_t count);

/// Lower-case hexadecimal spelling of `size` bytes.
std::string to_hex(const uint8_t* data, size_t size);

/// Hex digest of `data` in one call.
std::string sha256_hex(std::string_view data);

}  // namespace pexrc
