#include "injector/recompress/compressor_pool.h"

#include <zstd.h>

#include "common/error.h"

namespace pexrc {
namespace {

struct CCtxDeleter {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

Piece compress_chunk(Chunk& chunk, ZSTD_CCtx* cctx, int level) {
  Piece piece;
  piece.header = std::move(chunk.header);
  piece.ends_entry = chunk.ends_entry;
  piece.crc32 = chunk.crc32;
  piece.uncompressed_size = chunk.uncompressed_size;
  piece.raw_bytes = chunk.raw.size();

  // Each chunk is one independent frame carrying its content size and a
  // checksum: concatenated frames form a valid stream, the launcher can later
  // hand frames of one big file to different cores, and corruption is caught
  // while decompressing.
  ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 1);
  std::string out(ZSTD_compressBound(chunk.raw.size()), '\0');
  size_t n = ZSTD_compress2(cctx, out.data(), out.size(), chunk.raw.data(), chunk.raw.size());
  if (ZSTD_isError(n)) fail(Status::kInternal, std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);

  bool keep_raw = chunk.whole_entry && out.size() >= chunk.raw.size();
  if (piece.header) piece.header->method = keep_raw ? zip::kMethodStored : zip::kMethodZstd;
  piece.data = keep_raw ? std::move(chunk.raw) : std::move(out);
  return piece;
}

}  // namespace

CompressorPool::CompressorPool(unsigned workers, int level) : level_(level) {
  for (unsigned i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
}

CompressorPool::~CompressorPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_) t.join();
}

std::future<Piece> CompressorPool::submit(Chunk chunk) {
  int level = level_;
  std::packaged_task<Piece(void*)> task([level, chunk = std::move(chunk)](void* cctx) mutable {
    return compress_chunk(chunk, static_cast<ZSTD_CCtx*>(cctx), level);
  });
  std::future<Piece> result = task.get_future();
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(task));
  }
  ready_.notify_one();
  return result;
}

void CompressorPool::work() {
  std::unique_ptr<ZSTD_CCtx, CCtxDeleter> cctx(ZSTD_createCCtx());
  for (;;) {
    std::packaged_task<Piece(void*)> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task(cctx.get());  // exceptions travel to the future
  }
}

}  // namespace pexrc
