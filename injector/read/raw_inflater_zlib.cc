#include <zlib.h>

#include <climits>

#include "common/error.h"
#include "injector/read/raw_inflater.h"

namespace pexrc {

struct RawInflater::State {
  z_stream z{};
  bool finished = false;
};

RawInflater::RawInflater() : s_(std::make_unique<State>()) {
  if (inflateInit2(&s_->z, -MAX_WBITS) != Z_OK)  // raw deflate: no zlib header or checksum
    fail(Status::kInternal, "zlib: cannot start an inflater");
}
RawInflater::~RawInflater() { inflateEnd(&s_->z); }

void RawInflater::give(const uint8_t* in, size_t size) {
  s_->z.next_in = const_cast<uint8_t*>(in);
  s_->z.avail_in = uInt(size);
}

size_t RawInflater::input_left() const { return s_->z.avail_in; }

bool RawInflater::inflate(uint8_t* out, size_t size, size_t& written) {
  s_->z.next_out = out;
  s_->z.avail_out = uInt(size < (1u << 30) ? size : (1u << 30));
  int rc = ::inflate(&s_->z, Z_NO_FLUSH);
  written = size_t(s_->z.next_out - out);
  if (rc == Z_STREAM_END) s_->finished = true;
  // Z_BUF_ERROR is "no progress possible now", which the caller judges.
  return rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR;
}

bool RawInflater::finished() const { return s_->finished; }

uint32_t fast_crc32(uint32_t crc, const void* data, size_t size) {
  auto* p = static_cast<const Bytef*>(data);
  while (size > 0) {
    uInt n = uInt(size < UINT_MAX ? size : UINT_MAX);
    crc = uint32_t(crc32(crc, p, n));
    p += n;
    size -= n;
  }
  return crc;
}

}  // namespace pexrc
