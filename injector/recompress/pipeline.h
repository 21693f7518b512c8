// Turns entries into the pieces of the output zip on every core. Reading an
// entry (inflating it, for a zip input) is sequential, chunk after chunk, but
// different entries are read at once, and every chunk is compressed by
// whichever worker is free, earliest chunk first. Pieces come back to the
// caller's thread strictly in submission order, so the output does not depend
// on the number of workers or on timing, and at most `window` chunks are in
// flight, which bounds memory whatever the input's size.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/content_hash.h"
#include "common/zip_writer.h"
#include "injector/read/input_tree.h"

namespace pexrc {

/// One contiguous piece of an output entry, ready to be written.
struct Piece {
  std::optional<NewEntry> header;  ///< set on an entry's first piece
  std::string data;                ///< bytes as they go into the archive
  uint64_t raw_bytes = 0;          ///< uncompressed size of this piece alone
  Digest raw_sha256{};             ///< SHA-256 of those uncompressed bytes (a file's piece)
  bool ends_entry = false;
  uint32_t crc32 = 0;              ///< valid when ends_entry
  uint64_t uncompressed_size = 0;  ///< valid when ends_entry
};

class RecompressPipeline {
 public:
  /// Entries are cut into `chunk_size` chunks (kHashPieceSize, so that each
  /// chunk is one piece of the file's content hash), each one zstd frame at `level`.
  /// `sink` receives every piece, in order, on the thread that calls add_*()
  /// and finish().
  RecompressPipeline(unsigned workers, int level, size_t chunk_size,
                     std::function<void(Piece&)> sink);
  ~RecompressPipeline();
  RecompressPipeline(const RecompressPipeline&) = delete;
  RecompressPipeline& operator=(const RecompressPipeline&) = delete;

  void add_directory(NewEntry header);
  /// `source` must yield exactly `size` bytes; `what` names the entry in errors.
  /// An entry that fits one chunk is stored when zstd does not shrink it.
  void add_file(NewEntry header, uint64_t size, std::unique_ptr<EntrySource> source,
                std::string what);
  /// Hands every remaining piece to the sink. Rethrows the first worker error
  /// in submission order.
  void finish();

 private:
  struct Job;
  struct Task {
    uint64_t seq = 0;  ///< position of its chunk in the output: lower runs first
    std::shared_ptr<Job> job;
    unsigned chunk = 0;
    bool is_read = false;
    std::string raw;  ///< the chunk's bytes, for a compress task
  };

  static bool later(const Task& a, const Task& b);  ///< heap order: lowest seq on top
  void issue(const std::shared_ptr<Job>& job, unsigned chunk);
  void make_room(size_t slots);
  void push(Task task);
  void work();
  void run_read(Task& task);
  void run_compress(Task& task, void* cctx, std::string& scratch);

  int level_;
  size_t chunk_size_;
  size_t window_;
  std::function<void(Piece&)> sink_;
  uint64_t next_seq_ = 0;
  std::deque<std::future<Piece>> pending_;  ///< issued chunks, in output order

  std::mutex mu_;
  std::condition_variable ready_;
  std::vector<Task> queue_;  ///< a min-heap on seq
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace pexrc
