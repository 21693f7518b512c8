// extract: how the files of a cold start are cut into work for the threads.
// A big file (one with a frame table) is one unit, so that the workers write
// different files side by side: one file takes writes at about half the rate
// of two (the inode's lock and block allocation are per file; measured in
// docs/NOTES.md). Its frames are claimed one at a time, so idle workers can
// still help with the last files. Small files travel in batches; the biggest
// work goes first so the run does not end waiting on one long item.
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

/// Whole files [first, first + count), or (framed) files[first] alone, which
/// has a frame table: its worker writes it frame after frame.
struct WorkUnit {
  size_t first = 0;
  size_t count = 1;
  bool framed = false;
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
