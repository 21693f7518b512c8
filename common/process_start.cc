#include "common/process_start.h"

#include <fcntl.h>
#include <sys/auxv.h>
#include <unistd.h>

#include <string>

#include "common/error.h"

namespace pexrc {

void occupy_closed_std_fds() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1) continue;
    // open() returns the lowest free number, which is `fd`: those below it
    // are open by now.
    int placeholder = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (placeholder >= 0 && placeholder != fd) ::close(placeholder);
  }
}

void refuse_elevated_privileges(const char* program) {
  // AT_SECURE: the kernel (or a security module) started us with rights the
  // caller lacks, also when the ids look equal (file capabilities).
  bool elevated = ::getuid() != ::geteuid() || ::getgid() != ::getegid() || ::getauxval(AT_SECURE);
  if (!elevated) return;
  char exe[4096];
  ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  std::string self = n > 0 ? std::string(exe, size_t(n)) : "this program";
  std::string line =
      std::string(program) + ": " + self + ": refusing to run setuid or setgid (real uid " +
      std::to_string(::getuid()) + ", effective uid " + std::to_string(::geteuid()) +
      ", real gid " + std::to_string(::getgid()) + ", effective gid " +
      std::to_string(::getegid()) +
      "): it runs the code and settings its caller chooses; remove the set-user-ID and "
      "set-group-ID bits\n";
  (void)::write(2, line.data(), line.size());
  // Nothing is set up yet to unwind, and a process with rights its caller
  // lacks runs no more of its own code than this: no exit handlers.
  ::_exit(int(Status::kPrivileged));
}

}  // namespace pexrc
