#include "common/crc32.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace pexrc {
namespace {

uint32_t crc_of(std::string_view s) { return crc32_update(0, s.data(), s.size()); }

// A plain bit-at-a-time CRC-32 (reflected, polynomial 0xEDB88320), written
// independently of the table-driven implementation under test.
uint32_t bitwise_crc(std::string_view s) {
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char byte : s) {
    c ^= byte;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
  }
  return ~c;
}

// Deterministic bytes covering the whole 0..255 range.
std::string pattern(size_t n) {
  std::string s(n, '\0');
  uint32_t x = 0x9E3779B9u;
  for (size_t i = 0; i < n; ++i) {
    x = x * 1103515245u + 12345u;
    s[i] = char(x >> 24);
  }
  return s;
}

TEST_CASE("crc32: known vectors") {
  CHECK(crc_of("") == 0u);
  CHECK(crc_of("123456789") == 0xCBF43926u);
  CHECK(crc_of("The quick brown fox jumps over the lazy dog") == 0x414FA339u);
  CHECK(crc_of("a") == 0xE8B7BE43u);
  // A size of zero leaves any running value untouched.
  CHECK(crc32_update(0x12345678u, "ignored", 0) == 0x12345678u);
}

TEST_CASE("crc32: matches a bitwise reference on lengths around the 8-byte stride") {
  for (size_t n = 0; n <= 70; ++n) {
    std::string s = pattern(n);
    CAPTURE(n);
    CHECK(crc_of(s) == bitwise_crc(s));
  }
  std::string big = pattern(100000);
  CHECK(crc_of(big) == bitwise_crc(big));
}

TEST_CASE("crc32: two pieces split at every point equal one call") {
  for (size_t n = 0; n <= 40; ++n) {
    std::string s = pattern(n);
    uint32_t whole = crc_of(s);
    for (size_t cut = 0; cut <= n; ++cut) {
      uint32_t c = crc32_update(0, s.data(), cut);
      c = crc32_update(c, s.data() + cut, n - cut);
      CAPTURE(n);
      CAPTURE(cut);
      CHECK(c == whole);
    }
  }
}

TEST_CASE("crc32: three pieces and byte-at-a-time feeding equal one call") {
  for (size_t n = 0; n <= 40; ++n) {
    std::string s = pattern(n);
    uint32_t whole = crc_of(s);
    for (size_t a = 0; a <= n; ++a) {
      for (size_t b = a; b <= n; ++b) {
        uint32_t c = crc32_update(0, s.data(), a);
        c = crc32_update(c, s.data() + a, b - a);
        c = crc32_update(c, s.data() + b, n - b);
        if (c != whole) {
          CAPTURE(n);
          CAPTURE(a);
          CAPTURE(b);
          FAIL_CHECK("three-piece CRC differs");
        }
      }
    }
    uint32_t c = 0;
    for (char ch : s) c = crc32_update(c, &ch, 1);
    CAPTURE(n);
    CHECK(c == whole);
  }
}

}  // namespace
}  // namespace pexrc
