#include "common/sha256.h"

#include <doctest/doctest.h>

#include <string>

#include "common/sha256_accel.h"

namespace pexrc {
namespace {

std::string hex_of(Sha256& hash) {
  std::array<uint8_t, 32> digest = hash.finish();
  return to_hex(digest.data(), digest.size());
}

// FIPS 180-4 examples as published with the NIST "Example Algorithms" (SHA256.pdf) and the
// SHA-256 short/long message test vectors.
constexpr std::string_view kEmpty =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::string_view kAbc =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr std::string_view k448Bits = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr std::string_view k448BitsDigest =
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
constexpr std::string_view kMillionA =
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
// The 896-bit message of the same document (two blocks once padded).
constexpr std::string_view k896Bits =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnop"
    "qrsmnopqrstnopqrstu";
constexpr std::string_view k896BitsDigest =
    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1";

TEST_CASE("sha256: NIST one-shot vectors") {
  CHECK(sha256_hex("") == kEmpty);
  CHECK(sha256_hex("abc") == kAbc);
  CHECK(sha256_hex(k448Bits) == k448BitsDigest);
  CHECK(sha256_hex(k896Bits) == k896BitsDigest);
}

TEST_CASE("sha256: one million 'a'") {
  SUBCASE("in one call") { CHECK(sha256_hex(std::string(1000000, 'a')) == kMillionA); }
  SUBCASE("in uneven pieces") {
    // 997 is prime, so the pieces straddle block boundaries at every possible offset.
    std::string piece(997, 'a');
    Sha256 hash;
    size_t left = 1000000;
    while (left > 0) {
      size_t n = std::min(left, piece.size());
      hash.update(piece.data(), n);
      left -= n;
    }
    CHECK(hex_of(hash) == kMillionA);
  }
}

TEST_CASE("sha256: splitting the input anywhere gives the same digest") {
  std::string message;
  for (int i = 0; i < 300; ++i) message.push_back(char(i * 7 + 3));
  for (size_t length : {0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 300}) {
    std::string_view whole(message.data(), length);
    std::string expected = sha256_hex(whole);
    for (size_t cut = 0; cut <= length; ++cut) {
      Sha256 hash;
      hash.update(whole.substr(0, cut));
      hash.update(whole.substr(cut));
      CHECK_MESSAGE(hex_of(hash) == expected, "length ", length, " cut ", cut);
    }
  }
  // Byte at a time, with empty updates mixed in.
  Sha256 hash;
  for (char c : k448Bits) {
    hash.update("", 0);
    hash.update(&c, 1);
  }
  CHECK(hex_of(hash) == k448BitsDigest);
}

TEST_CASE("sha256: padding boundaries against known digests") {
  // 55 bytes fit padding in one block, 56 force a second one, 64 are exactly one block.
  CHECK(sha256_hex(std::string(55, 'a')) ==
        "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(sha256_hex(std::string(56, 'a')) ==
        "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(sha256_hex(std::string(64, 'a')) ==
        "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("sha256: the CPU's SHA instructions, where present, agree with the portable code") {
  std::string data(64 * 300, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = char((i * 2654435761u) >> 13);
  const auto* blocks = reinterpret_cast<const uint8_t*>(data.data());
  for (size_t count : {size_t(1), size_t(2), size_t(7), size_t(300)}) {
    CAPTURE(count);
    std::array<uint32_t, 8> portable = {1, 2, 3, 4, 5, 6, 7, 0xffffffff};
    std::array<uint32_t, 8> fast = portable;
    compress_portable(portable, blocks, count);
    if (!sha256_compress_accelerated(fast.data(), blocks, count)) {
      MESSAGE("no SHA instructions on this CPU: only the portable code is checked");
      return;
    }
    CHECK(fast == portable);
  }
}

TEST_CASE("to_hex") {
  const uint8_t bytes[] = {0x00, 0x0f, 0xa0, 0xff};
  CHECK(to_hex(bytes, 4) == "000fa0ff");
  CHECK(to_hex(bytes, 0).empty());
}

}  // namespace
}  // namespace pexrc
