// The one error type of pexrc: thrown where a problem is found, caught in main,
// printed as a single "pexrc: ..." line and turned into a documented exit code.
#pragma once

#include <exception>
#include <string>

namespace pexrc {

/// Exit codes shared by the launcher and the injector (see docs/DESIGN.md).
/// They sit above the range Python itself uses for ordinary failures (1, 2) so
/// that a launcher failure is told apart from the app's own exit status.
enum class Status : int {
  kPexRefusal = 1,      ///< what pex itself refuses, with its message and status: a bad PEX_TOOLS
                        ///< or PEX_INHERIT_PATH value, PEX_TOOLS on a PEX without tools
  kUsage = 64,          ///< bad command line
  kBadArchive = 65,     ///< not a zip, truncated, corrupt or unsafe entry
  kNotAPex = 66,        ///< a readable zip without PEX-INFO, or a missing input file
  kBadPexInfo = 67,     ///< PEX-INFO is not valid JSON or has wrong types
  kNoInterpreter = 68,  ///< no interpreter on the search path fits the PEX
  kUnsupported = 69,    ///< a PEX feature this version cannot convert faithfully
  kInternal = 70,       ///< a bug in pexrc
  kIo = 74,             ///< reading or writing the filesystem failed
  kExecFailed = 75,     ///< the chosen interpreter could not be executed
  kTampered = 76,       ///< extracted files differ from the content hash PEXRC-INFO records
  kUntrusted = 77,      ///< a cache root or temporary directory another user could have written
  kConfig = 78,         ///< pexrc-inject's TOML configuration is invalid
  kPrivileged = 79,     ///< started setuid/setgid: refused before reading any input
};

class Error : public std::exception {
 public:
  Error(Status status, std::string message) : status_(status), message_(std::move(message)) {}
  Status status() const { return status_; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  Status status_;
  std::string message_;
};

/// Throws Error; the message should name the file and the problem.
[[noreturn]] inline void fail(Status status, std::string message) {
  throw Error(status, std::move(message));
}

/// Throws Error(kIo) with "<what>: <strerror(errno)>" as message.
[[noreturn]] void fail_errno(std::string what);

/// Writes "pexrc: warning: <line>" to stderr: for what the launcher works
/// around rather than fails on.
void warn(const std::string& line);

/// The body of each program's main: runs `body`, and turns an Error (or any
/// other exception) into one line "<program>: <message>" on stderr and the
/// matching exit status.
int run_reporting_errors(const char* program, int (*body)(int, char**), int argc, char** argv);

}  // namespace pexrc
