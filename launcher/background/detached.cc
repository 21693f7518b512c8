#include "launcher/background/detached.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "common/file_io.h"

namespace pexrc {
namespace {

void lower_priority() {
  sched_param param{};
  if (::sched_setscheduler(0, SCHED_IDLE, &param) != 0) (void)::setpriority(PRIO_PROCESS, 0, 19);
  constexpr int kWhoProcess = 1, kClassIdle = 3, kClassShift = 13;
  (void)::syscall(SYS_ioprio_set, kWhoProcess, 0, kClassIdle << kClassShift);
}

void redirect_stdio_to_null() {
  int null = ::open("/dev/null", O_RDWR);
  if (null < 0) return;
  for (int fd = 0; fd <= 2; ++fd) ::dup2(null, fd);
  if (null > 2) ::close(null);
}

}  // namespace

Detached run_detached(const std::string& lock_path, const std::function<void()>& work) {
  UniqueFd lock;
  if (!lock_path.empty()) {
    lock = UniqueFd(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    if (!lock.valid()) return Detached::kFailed;
    if (::flock(lock.get(), LOCK_EX | LOCK_NB) != 0) return Detached::kAlreadyRunning;
  }
  pid_t child = ::fork();
  if (child == 0) {
    if (::fork() == 0) {
      ::setsid();
      redirect_stdio_to_null();
      lower_priority();
      try {
        work();
      } catch (...) {
        // Background work only ever saves time or space; nobody is left to
        // tell, and the next cold start tries again.
      }
      ::_exit(0);
    }
    ::_exit(0);
  }
  if (child < 0) return Detached::kFailed;
  int status;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  return Detached::kStarted;
}

}  // namespace pexrc
