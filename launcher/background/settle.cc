#include "launcher/background/settle.h"

#include <dirent.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

#include "launcher/background/detached.h"

namespace pexrc {
namespace {

// The sync waits until the app has exited, or for as long as the kernel lets
// written data stay in memory by default (vm.dirty_expire_centisecs, 30 s):
// writing the whole extraction back while the app starts costs the start
// ~6% on 2 cores (docs/NOTES.md), and after those 30 s the kernel has
// written most of it anyway. A crash meanwhile is what the ledger is for.
void wait_for_app(pid_t app) {
  constexpr int kMaxWaitTenths = 300;
  timespec tenth{0, 100'000'000};
  for (int i = 0; i < kMaxWaitTenths && ::kill(app, 0) == 0; ++i) ::nanosleep(&tenth, nullptr);
}

// The child inherits every descriptor the launcher has open, the venv's
// lease among them: held on, the venv would count as in use after the app
// exited. Only the ledger's lock (and stdio) stay.
void close_all_but(int keep) {
  std::vector<int> open_fds;
  if (DIR* d = ::opendir("/proc/self/fd")) {
    while (struct dirent* e = ::readdir(d)) {
      int fd = std::atoi(e->d_name);
      if (fd > 2 && fd != keep && fd != ::dirfd(d)) open_fds.push_back(fd);
    }
    ::closedir(d);
  }
  for (int fd : open_fds) ::close(fd);
}

}  // namespace

void start_settling(const CacheRoot& cache, const Ledger& ledger, const Trace& trace) {
  // No lock of its own: each cold start's settle covers its own ledger, which
  // it inherits locked; a sync of a file system with nothing dirty is cheap.
  const std::string& own = ledger.path();
  pid_t app = ::getpid();  // the launcher's pid becomes the app's at exec
  int lock = ledger.fd();
  auto settle = [&] {
    close_all_but(lock);
    wait_for_app(app);
    settle_ledgers(cache, own);
  };
  if (run_detached("", settle) == Detached::kStarted)
    trace.log(1, "durability: syncing " + cache.root +
                     "'s file system in the background once the app exits (" + own + ")");
}

}  // namespace pexrc
