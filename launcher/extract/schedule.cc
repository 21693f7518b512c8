#include "launcher/extract/schedule.h"

#include <algorithm>

namespace pexrc {

std::vector<WorkUnit> schedule_extraction(std::vector<FileTask>& files) {
  std::sort(files.begin(), files.end(), [](const FileTask& a, const FileTask& b) {
    if (a.entry->compressed_size != b.entry->compressed_size)
      return a.entry->compressed_size > b.entry->compressed_size;
    return a.entry->name < b.entry->name;
  });
  std::vector<WorkUnit> units;
  size_t i = 0;
  while (i < files.size()) {
    const zip::Entry& e = *files[i].entry;
    if (e.frames.sizes.size() >= 2) {
      units.push_back({i, 1, true});
      ++i;
      continue;
    }
    WorkUnit batch{i, 1, false};
    uint64_t bytes = e.compressed_size;
    ++i;
    if (bytes < kSmallFileBytes) {
      while (i < files.size() && batch.count < kBatchFiles &&
             bytes + files[i].entry->compressed_size <= kBatchBytes &&
             files[i].entry->compressed_size < kSmallFileBytes) {
        bytes += files[i].entry->compressed_size;
        ++batch.count;
        ++i;
      }
    }
    units.push_back(batch);
  }
  return units;
}

}  // namespace pexrc
