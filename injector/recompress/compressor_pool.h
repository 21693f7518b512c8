// Worker threads that turn raw chunks of entries into zstd frames. Results come
// back as futures that the writer consumes in submission order, so the output
// is identical whatever the number of workers.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/zip_writer.h"

namespace pexrc {

/// One contiguous piece of an output entry, ready to be written.
struct Piece {
  std::optional<NewEntry> header;  ///< set on an entry's first piece
  std::string data;                ///< bytes as they go into the archive
  uint64_t raw_bytes = 0;          ///< uncompressed size of this piece alone
  bool ends_entry = false;
  uint32_t crc32 = 0;              ///< valid when ends_entry
  uint64_t uncompressed_size = 0;  ///< valid when ends_entry
};

/// A raw chunk to compress. `header` is set for the first chunk of an entry;
/// when `whole_entry` is true (the entry fits one chunk) the worker may
/// store it instead if zstd does not make it smaller.
struct Chunk {
  std::optional<NewEntry> header;
  bool whole_entry = false;
  std::string raw;
  bool ends_entry = false;
  uint32_t crc32 = 0;
  uint64_t uncompressed_size = 0;
};

class CompressorPool {
 public:
  CompressorPool(unsigned workers, int level);
  ~CompressorPool();
  CompressorPool(const CompressorPool&) = delete;
  CompressorPool& operator=(const CompressorPool&) = delete;

  std::future<Piece> submit(Chunk chunk);

 private:
  void work();

  int level_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<Piece(void*)>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace pexrc
