// extract: how the files of a cold start are cut into work for the threads.
// Frames, not files, are the unit for big files, so one huge .so keeps every
// core busy; small files travel in batches; the biggest work goes first so
// the run does not end waiting on one long item.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/zip_format.h"

namespace pexrc {

struct FileTask {
  const zip::Entry* entry;
  std::string dest;
  size_t unit = 0;  ///< the caller's index of what the file belongs to
};

/// Whole files [first, first + count), or (frame >= 0) one frame of
/// files[first], which has a frame table.
struct WorkUnit {
  size_t first = 0;
  size_t count = 1;
  int64_t frame = -1;
};

/// Files whose compressed data is smaller than this are batched...
constexpr uint64_t kSmallFileBytes = 64 << 10;
/// ...up to this many bytes or files per batch.
constexpr uint64_t kBatchBytes = 1 << 20;
constexpr size_t kBatchFiles = 32;

/// Sorts `files` biggest first (by compressed size, then name, so the order is
/// the same every run) and returns the units in the order they should start.
std::vector<WorkUnit> schedule_extraction(std::vector<FileTask>& files);

}  // namespace pexrc
