#include "common/error.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pexrc {

void fail_errno(std::string what) {
  int saved = errno;
  what += ": ";
  what += std::strerror(saved);
  throw Error(Status::kIo, std::move(what));
}

namespace {

void print_line(const char* program, const char* prefix, const char* message) {
  std::string line = std::string(program) + ": " + prefix + message + "\n";
  (void)::write(2, line.data(), line.size());
}

}  // namespace

void warn(const std::string& line) { print_line("pexrc", "warning: ", line.c_str()); }

int run_reporting_errors(const char* program, int (*body)(int, char**), int argc, char** argv) {
  try {
    return body(argc, argv);
  } catch (const Error& e) {
    print_line(program, "", e.what());
    return int(e.status());
  } catch (const std::exception& e) {
    print_line(program, "internal error: ", e.what());
    return int(Status::kInternal);
  }
}

}  // namespace pexrc
