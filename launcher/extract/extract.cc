#include "launcher/extract/extract.h"

#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>
#include <set>

#include "common/content_hash.h"
#include "common/error.h"
#include "common/file_io.h"
#include "common/human_bytes.h"
#include "common/usable_cpus.h"
#include "launcher/extract/first_run_notice.h"
#include "launcher/extract/schedule.h"
#include "runtime/cache/fs_ops.h"
#include "runtime/cache/work_dirs.h"
#include "runtime/extract/decode_entry.h"
#include "runtime/extract/parallel_for.h"
#include "runtime/extract/step_times.h"

namespace pexrc {

namespace {

// A file with a frame table, written by the worker that took it and any that
// help once nothing else is left: each claims the next frame, decodes and
// hashes it, and writes it when its turn comes. So the writes come from one
// thread at a time and in file order (two writers in one file only wait on
// each other), while the next frame is decoded. Claims go in frame order, so
// the frame whose turn it is is always being worked on. The first claimant
// creates the file, the last writer closes it and combines the frames'
// digests (each frame is one piece of the content hash).
class SharedFile {
 public:
  SharedFile(const ZipReader& zip, const FileTask& task, Digest& digest)
      : zip_(zip),
        task_(task),
        digest_(digest),
        pieces_(task.entry->frames.sizes.size()),
        frames_left_(pieces_.size()) {}

  /// Frames nobody has claimed yet (0 once the last is being worked on).
  size_t unclaimed() const {
    size_t next = next_claim_.load();
    return next < pieces_.size() ? pieces_.size() - next : 0;
  }

  const FileTask& task() const { return task_; }

  /// Claims and writes frames until none is left to claim.
  void work(EntryScratch& scratch) {
    for (size_t index; (index = next_claim_.fetch_add(1)) < pieces_.size();)
      write_frame(index, scratch);
  }

 private:
  void write_frame(size_t index, EntryScratch& scratch) {
    try {
      write_frame_in_turn(index, scratch);
    } catch (...) {
      // Whoever waits for this frame's turn would wait forever: they end
      // with the same error instead.
      std::lock_guard<std::mutex> lock(mu_);
      if (!failed_) failed_ = std::current_exception();
      turn_.notify_all();
      throw;
    }
  }

  void write_frame_in_turn(size_t index, EntryScratch& scratch) {
    const zip::Entry& e = *task_.entry;
    StepTimes& t = scratch.times;
    uint64_t offset;
    {
      std::lock_guard<std::mutex> lock(mu_);
      // A failed creation (a full disk) fails every frame the same way, not
      // with "File exists" from the next frame's attempt.
      if (failed_) std::rethrow_exception(failed_);
      if (!fd_.valid()) {
        StepClock clock(t.create_ns);
        fd_ = create_entry_file(e, task_.dest);
        uint64_t at = zip_.data_offset(e);
        for (uint32_t size : e.frames.sizes) {
          starts_.push_back(at);
          at += size;
        }
      }
      offset = starts_[index];
    }
    std::string_view data;
    {
      // The frame's SHA-256 below is what vouches for it.
      StepClock clock(t.decode_ns);
      data = decode_frame(zip_, e, index, offset, scratch, Integrity::kContentHashOnly);
    }
    {
      StepClock clock(t.hash_ns);
      Sha256 piece;
      piece.update(data);
      pieces_[index] = piece.finish();
    }
    int fd;
    {
      StepClock clock(t.wait_ns);
      std::unique_lock<std::mutex> lock(mu_);
      turn_.wait(lock, [&] { return failed_ || next_write_ == index; });
      if (failed_) std::rethrow_exception(failed_);
      fd = fd_.get();
    }
    {
      StepClock clock(t.write_ns);
      pwrite_all(fd, data.data(), data.size(), uint64_t(e.frames.span) * index, task_.dest);
    }
    std::lock_guard<std::mutex> lock(mu_);
    ++next_write_;
    turn_.notify_all();
    if (--frames_left_ == 0) {
      StepClock clock(t.close_ns);
      fd_ = UniqueFd();
      digest_ = file_digest_of_pieces(pieces_);
    }
  }

  const ZipReader& zip_;
  const FileTask& task_;
  Digest& digest_;
  std::mutex mu_;
  std::condition_variable turn_;  // next_write_ moved on, or a frame failed
  UniqueFd fd_;
  std::exception_ptr failed_;
  std::vector<uint64_t> starts_;  // absolute offset of each frame
  std::vector<Digest> pieces_;    // each written by the frame's worker
  size_t frames_left_;
  size_t next_write_ = 0;              // the frame whose write may start
  std::atomic<size_t> next_claim_{0};  // the next frame to work on
};

// Once every unit is taken, an idle worker helps the framed file with the most
// frames left to claim; none left: nullptr.
SharedFile* busiest_framed_file(const std::vector<SharedFile*>& files) {
  SharedFile* busiest = nullptr;
  for (SharedFile* f : files)
    if (f->unclaimed() > 0 && (!busiest || f->unclaimed() > busiest->unclaimed())) busiest = f;
  return busiest;
}

void parent_dirs(const std::string& base, const std::string& rel, std::set<std::string>& made) {
  size_t slash = rel.rfind('/');
  if (slash == std::string::npos) return;
  std::string dir = base + "/" + rel.substr(0, slash);
  if (made.insert(dir).second) make_dirs(dir);
}

// An I/O failure while building `item`, said as a user needs it: which app,
// which wheel or code, which cache; and, when the cache's file system has
// less room than this first run needs, that too (the usual cause).
[[noreturn]] void fail_extracting(const ZipReader& zip, const CacheItem& item,
                                  const CacheRoot& cache, uint64_t bytes_needed, const Error& e) {
  if (e.status() != Status::kIo) throw e;
  std::string message =
      zip.path() + ": cannot extract " + item.label + " into " + cache.root + ": " + e.what();
  struct statvfs fs;
  if (::statvfs(cache.root.c_str(), &fs) == 0) {
    uint64_t free_bytes = uint64_t(fs.f_bavail) * fs.f_frsize;
    if (free_bytes < bytes_needed)
      message += " (its file system has " + human_bytes(free_bytes) +
                 " free; this first run needs " + human_bytes(bytes_needed) + ")";
  }
  fail(Status::kIo, std::move(message));
}

// What one run must do for one unit: build it (with its bytecode, if any),
// or only add the bytecode to a unit already there.
struct UnitJob {
  const CacheItem* item;
  bool build = false;     ///< the unit itself is missing
  bool bytecode = false;  ///< its bytecode for this interpreter is to be added
};

bool bytecode_missing(const CacheItem& item, const CacheRoot& cache) {
  if (!item.bytecode) return false;
  // A unit reused from a shared root is not ours to add files to.
  if (item.dest.rfind(cache.root + "/", 0) != 0) return false;
  return !path_exists(item.dest + "/" + item.bytecode->marker());
}

UnitJob job_for(const CacheItem& item, const CacheRoot& cache) {
  UnitJob job{&item};
  job.build = !path_exists(item.dest);
  job.bytecode = item.bytecode && (job.build || bytecode_missing(item, cache));
  return job;
}

// The bytecode files, checked, go into the published unit one by one, each
// linked in whole (an import sees a whole .pyc or none) and never over a
// file already there (one the background compile made is as good), then the
// marker.
void add_bytecode(const std::string& from, const CacheItem& item, const std::string& layer_text) {
  std::set<std::string> made;
  for (const zip::Entry* e : item.bytecode->entries) {
    std::string rel = e->name.substr(item.bytecode->prefix.size());
    parent_dirs(item.dest, rel, made);
    std::string src = from + "/" + rel, dst = item.dest + "/" + rel;
    if (::link(src.c_str(), dst.c_str()) != 0 && errno != EEXIST) fail_errno("cannot add " + dst);
  }
  write_new_file(item.dest + "/" + item.bytecode->marker(), layer_text);
}

}  // namespace

void ensure_extracted(const ZipReader& zip, const std::vector<const CacheItem*>& items,
                      const CacheRoot& cache, Ledger* ledger, const Trace& trace) {
  std::vector<const CacheItem*> todo;
  for (const CacheItem* item : items) {
    UnitJob job = job_for(*item, cache);
    if (job.build || job.bytecode) todo.push_back(item);
  }
  if (todo.empty()) return;

  // Locks are taken in one global order (by path) so two apps sharing wheels
  // never wait on each other in a cycle.
  std::sort(todo.begin(), todo.end(),
            [](const CacheItem* a, const CacheItem* b) { return a->dest < b->dest; });
  make_dirs(cache.locks());
  std::vector<std::unique_ptr<DirLock>> locks;
  for (const CacheItem* item : todo)
    locks.push_back(std::make_unique<DirLock>(lock_path_for(cache, item->dest)));
  std::vector<UnitJob> jobs;
  for (const CacheItem* item : todo) {
    UnitJob job = job_for(*item, cache);  // again, under the lock
    if (job.build || job.bytecode) jobs.push_back(job);
  }
  if (jobs.empty()) return;

  // Each job extracts into a work directory of its own; its files are hashed
  // in two slots, the unit's (2 j) and the bytecode's (2 j + 1).
  std::vector<WorkDir> work;
  work.reserve(jobs.size());
  std::vector<FileTask> tasks;
  std::vector<UnitHasher> hashers(2 * jobs.size());
  uint64_t bytes = 0;
  for (const UnitJob& job : jobs) {
    if (job.build)
      for (const zip::Entry* e : job.item->entries) bytes += e->uncompressed_size;
    if (job.bytecode)
      for (const zip::Entry* e : job.item->bytecode->entries) bytes += e->uncompressed_size;
  }
  const uint64_t dirs_started = steady_ns();
  for (size_t j = 0; j < jobs.size(); ++j) try {
      const CacheItem* item = jobs[j].item;
      work.emplace_back(cache.work(), "extract");
      const std::string& base = work.back().path();
      std::set<std::string> made;
      if (jobs[j].build) {
        for (const zip::Entry* e : item->entries) {
          std::string rel = e->name.substr(item->prefix.size());
          if (e->is_directory()) {
            rel.pop_back();
            if (made.insert(base + "/" + rel).second) make_dirs(base + "/" + rel);
            hashers[2 * j].add_directory(rel);
            continue;
          }
          check_frame_span(zip, *e);
          parent_dirs(base, rel, made);
          tasks.push_back({e, base + "/" + rel, 2 * j});
        }
      }
      if (jobs[j].bytecode) {
        for (const zip::Entry* e : item->bytecode->entries) {
          std::string rel = e->name.substr(item->bytecode->prefix.size());
          check_frame_span(zip, *e);
          parent_dirs(base, rel, made);
          tasks.push_back({e, base + "/" + rel, 2 * j + 1});
        }
      }
    } catch (const Error& e) {
      fail_extracting(zip, *jobs[j].item, cache, bytes, e);
    }
  const uint64_t dirs_ns = steady_ns() - dirs_started;
  std::vector<WorkUnit> units = schedule_extraction(tasks);
  std::vector<Digest> digests(tasks.size());  // each written by one worker
  std::vector<std::unique_ptr<SharedFile>> shared(tasks.size());
  std::vector<SharedFile*> framed;
  for (const WorkUnit& u : units)
    if (u.framed) {
      shared[u.first] = std::make_unique<SharedFile>(zip, tasks[u.first], digests[u.first]);
      framed.push_back(shared[u.first].get());
    }

  unsigned threads = usable_cpus();
  trace.log(1, "extracting " + std::to_string(jobs.size()) + " item(s), " +
                   std::to_string(tasks.size()) + " files, " + std::to_string(bytes) +
                   " bytes in " + std::to_string(units.size()) + " units (" +
                   std::to_string(framed.size()) + " framed) on " + std::to_string(threads) +
                   " threads");
  std::string app = zip.path().substr(zip.path().rfind('/') + 1);
  FirstRunNotice notice("pexrc: first run of " + app + ": extracting " + human_bytes(bytes) + "...",
                        std::chrono::seconds(1));
  std::vector<std::unique_ptr<EntryScratch>> scratch(std::min<size_t>(threads, units.size()));
  for (auto& s : scratch) s = std::make_unique<EntryScratch>();
  // One more item per worker after the units: what a worker takes when the
  // units are all taken (help with the framed files still being written).
  const size_t helpers = framed.empty() ? 0 : scratch.size();
  parallel_for(units.size() + helpers, unsigned(scratch.size()), [&](size_t i, unsigned worker) {
    EntryScratch& s = *scratch[worker];
    if (i >= units.size()) {
      while (SharedFile* file = busiest_framed_file(framed)) try {
          file->work(s);
        } catch (const Error& e) {
          fail_extracting(zip, *jobs[file->task().unit / 2].item, cache, bytes, e);
        }
      return;
    }
    const WorkUnit& u = units[i];
    size_t f = u.first;
    try {
      if (u.framed) return shared[f]->work(s);
      for (; f < u.first + u.count; ++f)
        digests[f] = write_entry(zip, *tasks[f].entry, tasks[f].dest, s);
    } catch (const Error& e) {
      fail_extracting(zip, *jobs[tasks[f].unit / 2].item, cache, bytes, e);
    }
  });

  const uint64_t publish_started = steady_ns();
  // Nothing is published unless every unit, and every unit's bytecode, is
  // exactly what the injector hashed: the cache directories are named by
  // these hashes, and other apps trust them.
  for (size_t t = 0; t < tasks.size(); ++t) {
    const zip::Entry& e = *tasks[t].entry;
    size_t slot = tasks[t].unit;
    std::string path = tasks[t].dest.substr(work[slot / 2].path().size() + 1);
    hashers[slot].add_file(std::move(path), (e.unix_mode() & 0111) != 0, e.uncompressed_size,
                           digests[t]);
  }
  // The hashed texts are kept: they become the units' manifests.
  std::vector<std::string> texts(hashers.size());
  for (size_t j = 0; j < jobs.size(); ++j) {
    const CacheItem& item = *jobs[j].item;
    if (jobs[j].build) texts[2 * j] = hashers[2 * j].text();
    if (jobs[j].bytecode) texts[2 * j + 1] = hashers[2 * j + 1].text();
    bool unit_ok = !jobs[j].build || content_hash_of_text(texts[2 * j]) == item.content_hash;
    bool bytecode_ok =
        !jobs[j].bytecode || content_hash_of_text(texts[2 * j + 1]) == item.bytecode->content_hash;
    if (!unit_ok || !bytecode_ok)
      fail(Status::kTampered, zip.path() + ": " + item.label +
                                  (unit_ok ? " (bytecode for " + item.bytecode->tag + ")" : "") +
                                  ": extracted files do not match the content hash recorded "
                                  "by pexrc-inject (the file was altered); nothing was cached");
  }

  for (size_t j = 0; j < jobs.size(); ++j) {
    const CacheItem& item = *jobs[j].item;
    if (ledger) ledger->note(item.dest.substr(cache.root.size() + 1));
    if (jobs[j].build) {
      write_new_file(work[j].path() + "/" + kUnitManifestName, texts[2 * j]);
      if (jobs[j].bytecode)
        write_new_file(work[j].path() + "/" + item.bytecode->marker(), texts[2 * j + 1]);
      work[j].publish(item.dest);
      trace.log(2, "extracted " + item.label + " -> " + item.dest);
    } else {
      add_bytecode(work[j].path(), item, texts[2 * j + 1]);
      trace.log(2,
                "added " + item.bytecode->tag + " bytecode to " + item.label + " -> " + item.dest);
    }
  }
  if (trace.enabled()) {
    StepTimes workers;
    for (const auto& s : scratch) workers += s->times;
    char buf[96];
    std::snprintf(buf, sizeof buf, "directories %.1f ms, check and publish %.1f ms; ",
                  dirs_ns / 1e6, (steady_ns() - publish_started) / 1e6);
    trace.log(1, "extract steps: " + std::string(buf) + std::to_string(scratch.size()) +
                     " workers' time summed: " + workers.describe());
  }
}

}  // namespace pexrc
