#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>

#include "injector/read/raw_inflater.h"

namespace pexrc {

struct RawInflater::State {
  inflate_state z;
};

RawInflater::RawInflater() : s_(std::make_unique<State>()) {
  isal_inflate_init(&s_->z);  // raw deflate, no checksum: the caller's CRC covers the output
}
RawInflater::~RawInflater() = default;

void RawInflater::give(const uint8_t* in, size_t size) {
  s_->z.next_in = const_cast<uint8_t*>(in);
  s_->z.avail_in = uint32_t(size);
}

size_t RawInflater::input_left() const { return s_->z.avail_in; }

bool RawInflater::inflate(uint8_t* out, size_t size, size_t& written) {
  s_->z.next_out = out;
  s_->z.avail_out = uint32_t(size < (1u << 30) ? size : (1u << 30));
  int rc = isal_inflate(&s_->z);
  written = size_t(s_->z.next_out - out);
  return rc == ISAL_DECOMP_OK;
}

bool RawInflater::finished() const { return s_->z.block_state == ISAL_BLOCK_FINISH; }

// Carry-less multiply instructions: the injector checks the CRC of every byte
// it reads, gigabytes for a big PEX, where a table version costs seconds.
uint32_t fast_crc32(uint32_t crc, const void* data, size_t size) {
  return crc32_gzip_refl(crc, static_cast<const unsigned char*>(data), size);
}

}  // namespace pexrc
