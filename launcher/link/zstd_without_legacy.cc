// Refuses zstd's legacy (v0.5-v0.7, 2016) frame formats so the static stub
// does not carry their decoders (~90 KB).
//
// Debian's libzstd.a is built with ZSTD_LEGACY_SUPPORT and without
// -ffunction-sections, so zstd_decompress.o references these entry points and
// the linker would pull zstd_v05.o, zstd_v06.o and zstd_v07.o whatever API we
// call. Defining them here satisfies those references first, so the archive
// members are never loaded. The injector only writes current-format frames,
// so these run only for a payload that is corrupt: each fails the way a
// legacy-disabled libzstd would (unknown frame / no context), never decodes.
// Should a libzstd upgrade need one more legacy symbol, the link fails with a
// duplicate definition instead of silently growing the stub.
#include <zstd_errors.h>

#include <cstddef>

namespace {

constexpr size_t kUnknownFrame = static_cast<size_t>(-ZSTD_error_prefix_unknown);
constexpr unsigned long long kContentSizeError = 0ULL - 2;  // ZSTD_CONTENTSIZE_ERROR

}  // namespace

extern "C" {

#define PEXRC_REFUSE_LEGACY(V)                                                                     \
  void* ZSTD##V##_createDCtx() { return nullptr; }                                                 \
  size_t ZSTD##V##_freeDCtx(void*) { return 0; }                                                   \
  size_t ZSTD##V##_decompress_usingDict(void*, void*, size_t, const void*, size_t, const void*,    \
                                        size_t) {                                                  \
    return kUnknownFrame;                                                                          \
  }                                                                                                \
  size_t ZSTD##V##_getFrameParams(void*, const void*, size_t) { return kUnknownFrame; }            \
  void ZSTD##V##_findFrameSizeInfoLegacy(const void*, size_t, size_t* compressed_size,             \
                                         unsigned long long* decompressed_bound) {                 \
    *compressed_size = kUnknownFrame;                                                              \
    *decompressed_bound = kContentSizeError;                                                       \
  }                                                                                                \
  void* ZBUFF##V##_createDCtx() { return nullptr; }                                                \
  size_t ZBUFF##V##_freeDCtx(void*) { return 0; }                                                  \
  size_t ZBUFF##V##_decompressInitDictionary(void*, const void*, size_t) { return kUnknownFrame; } \
  size_t ZBUFF##V##_decompressContinue(void*, void*, size_t*, const void*, size_t*) {              \
    return kUnknownFrame;                                                                          \
  }

PEXRC_REFUSE_LEGACY(v05)
PEXRC_REFUSE_LEGACY(v06)
PEXRC_REFUSE_LEGACY(v07)

#undef PEXRC_REFUSE_LEGACY

}  // extern "C"
