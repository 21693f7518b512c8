// The stub's link-time replacements: zstd still decodes current frames,
// refuses legacy ones with an error (never a crash or a bogus success), and
// demangling is off.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <cxxabi.h>
#include <doctest/doctest.h>
#include <zstd.h>

#include <cstdint>
#include <string>
#include <vector>

namespace {

std::string decode_stream(const std::string& frame, size_t* error) {
  ZSTD_DCtx* dctx = ZSTD_createDCtx();
  std::string out(1 << 16, '\0');
  ZSTD_inBuffer in{frame.data(), frame.size(), 0};
  ZSTD_outBuffer o{out.data(), out.size(), 0};
  *error = 0;
  while (in.pos < in.size) {
    size_t r = ZSTD_decompressStream(dctx, &o, &in);
    if (ZSTD_isError(r)) {
      *error = r;
      break;
    }
    if (r == 0) break;
  }
  ZSTD_freeDCtx(dctx);
  out.resize(o.pos);
  return out;
}

// A frame header with one of the legacy magic numbers, then plausible bytes.
std::string legacy_frame(uint32_t magic) {
  std::string f(4, '\0');
  for (int i = 0; i < 4; ++i) f[i] = char((magic >> (8 * i)) & 0xFF);
  for (int i = 0; i < 64; ++i) f.push_back(char(i * 37));
  return f;
}

}  // namespace

TEST_CASE("current zstd frames still decode") {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "line " + std::to_string(i) + "\n";
  std::vector<char> frame(ZSTD_compressBound(text.size()));
  size_t n = ZSTD_compress(frame.data(), frame.size(), text.data(), text.size(), 3);
  REQUIRE_FALSE(ZSTD_isError(n));
  size_t error = 0;
  CHECK(decode_stream(std::string(frame.data(), n), &error) == text);
  CHECK(error == 0);
}

TEST_CASE("legacy v0.5-v0.7 frames are refused") {
  for (uint32_t magic : {0xFD2FB525u, 0xFD2FB526u, 0xFD2FB527u}) {
    CAPTURE(magic);
    std::string frame = legacy_frame(magic);
    size_t error = 0;
    CHECK(decode_stream(frame, &error).empty());
    CHECK(ZSTD_isError(error));
    std::string out(1 << 16, '\0');
    CHECK(ZSTD_isError(ZSTD_decompress(out.data(), out.size(), frame.data(), frame.size())));
    CHECK(ZSTD_isError(ZSTD_findFrameCompressedSize(frame.data(), frame.size())));
    unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
    CHECK((size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR));
  }
}

TEST_CASE("the demangler is replaced by one that always declines") {
  int status = 0;
  char* name = abi::__cxa_demangle("_ZN5pexrc5ErrorE", nullptr, nullptr, &status);
  CHECK(name == nullptr);
  CHECK(status == -2);
}
