#include "injector/recompress/pipeline.h"

#include <zstd.h>

#include <algorithm>

#include "common/error.h"

namespace pexrc {

struct RecompressPipeline::Job {
  NewEntry header;
  uint64_t size = 0;
  unsigned chunks = 1;
  std::unique_ptr<EntrySource> source;  ///< read by one task at a time, in chunk order
  std::string what;
  uint64_t first_seq = 0;
  std::vector<std::promise<Piece>> slots;  ///< one per chunk
  // Guarded by the pipeline's mutex:
  unsigned issued = 0;     ///< chunks the caller has made room for
  unsigned next_read = 0;  ///< the next chunk to read
  bool reading = false;    ///< a read task is queued or running

  uint64_t chunk_bytes(unsigned k, size_t chunk_size) const {
    uint64_t start = uint64_t(k) * chunk_size;
    return std::min<uint64_t>(chunk_size, size - start);
  }
};

namespace {

struct CCtxDeleter {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

}  // namespace

RecompressPipeline::RecompressPipeline(unsigned workers, int level, size_t chunk_size,
                                       std::function<void(Piece&)> sink)
    : level_(level),
      chunk_size_(chunk_size),
      // Enough chunks that while one big entry is read chunk by chunk the
      // other workers have its earlier chunks (or other entries) to compress.
      window_(3 * size_t(workers) + 2),
      sink_(std::move(sink)) {
  for (unsigned i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
}

RecompressPipeline::~RecompressPipeline() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_) t.join();
}

void RecompressPipeline::make_room(size_t slots) {
  while (pending_.size() + slots > window_) {
    Piece p = pending_.front().get();  // rethrows a worker's error
    pending_.pop_front();
    sink_(p);
  }
}

void RecompressPipeline::finish() { make_room(window_); }

void RecompressPipeline::add_directory(NewEntry header) {
  make_room(1);
  Piece p;
  p.header = std::move(header);
  p.ends_entry = true;
  std::promise<Piece> ready;
  ready.set_value(std::move(p));
  pending_.push_back(ready.get_future());
  ++next_seq_;
}

void RecompressPipeline::add_file(NewEntry header, uint64_t size,
                                  std::unique_ptr<EntrySource> source, std::string what) {
  auto job = std::make_shared<Job>();
  job->header = std::move(header);
  job->size = size;
  job->chunks = unsigned(std::max<uint64_t>(1, (size + chunk_size_ - 1) / chunk_size_));
  job->source = std::move(source);
  job->what = std::move(what);
  job->first_seq = next_seq_;
  next_seq_ += job->chunks;
  job->slots.resize(job->chunks);
  for (unsigned k = 0; k < job->chunks; ++k) {
    make_room(1);
    pending_.push_back(job->slots[k].get_future());
    issue(job, k);
  }
}

// Called on the caller's thread once chunk k has a place in the window: its
// read may start as soon as the entry's previous chunk has been read.
void RecompressPipeline::issue(const std::shared_ptr<Job>& job, unsigned chunk) {
  std::lock_guard<std::mutex> lock(mu_);
  job->issued = chunk + 1;
  if (job->reading || job->next_read != chunk) return;
  job->reading = true;
  push(Task{job->first_seq + chunk, job, chunk, true, {}});
}

bool RecompressPipeline::later(const Task& a, const Task& b) { return a.seq > b.seq; }

void RecompressPipeline::push(Task task) {
  queue_.push_back(std::move(task));
  std::push_heap(queue_.begin(), queue_.end(), later);
  ready_.notify_one();
}

void RecompressPipeline::work() {
  std::unique_ptr<ZSTD_CCtx, CCtxDeleter> cctx(ZSTD_createCCtx());
  std::string scratch(ZSTD_compressBound(chunk_size_), '\0');
  for (;;) {
    Task task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      std::pop_heap(queue_.begin(), queue_.end(), later);
      task = std::move(queue_.back());
      queue_.pop_back();
    }
    try {
      if (task.is_read)
        run_read(task);
      else
        run_compress(task, cctx.get(), scratch);
    } catch (...) {
      // The chunk's slot carries the error to the caller, who meets it before
      // any later slot of the entry, which therefore never needs a value.
      task.job->slots[task.chunk].set_exception(std::current_exception());
    }
  }
}

void RecompressPipeline::run_read(Task& task) {
  Job& job = *task.job;
  const unsigned k = task.chunk;
  std::string raw(size_t(job.chunk_bytes(k, chunk_size_)), '\0');
  size_t filled = 0;
  while (filled < raw.size()) {
    size_t n = job.source->read(raw.data() + filled, raw.size() - filled);
    if (n == 0) fail(Status::kIo, job.what + ": shorter than recorded (changed while read?)");
    filled += n;
  }
  if (k + 1 == job.chunks) {
    char extra;
    if (job.source->read(&extra, 1) != 0)
      fail(Status::kIo, job.what + ": longer than recorded (changed while read?)");
  }
  std::lock_guard<std::mutex> lock(mu_);
  job.next_read = k + 1;
  push(Task{task.seq, task.job, k, false, std::move(raw)});
  if (job.next_read < job.issued)
    push(Task{task.seq + 1, task.job, k + 1, true, {}});
  else
    job.reading = false;
}

void RecompressPipeline::run_compress(Task& task, void* cctx_ptr, std::string& scratch) {
  Job& job = *task.job;
  auto* cctx = static_cast<ZSTD_CCtx*>(cctx_ptr);
  // Each chunk is one independent frame carrying its content size and a
  // checksum: concatenated frames form a valid stream, the launcher can hand
  // frames of one big file to different cores, and corruption is caught
  // while decompressing.
  ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level_);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 1);
  size_t n = ZSTD_compress2(cctx, scratch.data(), scratch.size(), task.raw.data(), task.raw.size());
  if (ZSTD_isError(n)) fail(Status::kInternal, std::string("zstd: ") + ZSTD_getErrorName(n));

  Piece piece;
  piece.raw_bytes = task.raw.size();
  Sha256 sha;
  sha.update(task.raw);
  piece.raw_sha256 = sha.finish();
  const bool first = task.chunk == 0;
  const bool last = task.chunk + 1 == job.chunks;
  bool keep_raw = first && last && n >= task.raw.size();
  if (first) {
    piece.header = job.header;
    piece.header->method = keep_raw ? zip::kMethodStored : zip::kMethodZstd;
  }
  piece.data = keep_raw ? std::move(task.raw) : scratch.substr(0, n);
  if (last) {
    // Every read of the entry happened before this task was queued.
    piece.ends_entry = true;
    piece.crc32 = job.source->crc32();
    piece.uncompressed_size = job.size;
    job.source.reset();
  }
  job.slots[task.chunk].set_value(std::move(piece));
}

}  // namespace pexrc
