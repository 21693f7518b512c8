// What each program checks and fixes about its own process before it reads
// anything the caller controls (environment, arguments, files).
#pragma once

namespace pexrc {

/// Opens /dev/null, close-on-exec, on each of descriptors 0, 1 and 2 that is
/// closed, so that no file of ours (a lock, an output) ever takes one of
/// those numbers and receives what is printed for the user. The placeholders
/// close again at exec: the program we start sees the same closed
/// descriptors we were given.
void occupy_closed_std_fds();

/// Ends the process with one line "<program>: <file>: refusing to run
/// setuid or setgid ..." and status 79 (kPrivileged) if it runs with ids
/// other than its caller's (a setuid or setgid file, file capabilities, or
/// started with real and effective ids apart): pexrc runs code and reads
/// variables and paths chosen by the caller, so it must never run with more
/// rights. Call it first in main, before anything the caller controls is read.
void refuse_elevated_privileges(const char* program);

}  // namespace pexrc
