// Prints the PEP 425 tags pexrc computes for an interpreter, one per line,
// most preferred first, from the probe's JSON on stdin; the e2e tags test
// compares this with packaging's sys_tags() run inside that interpreter.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>

#include "common/error.h"
#include "common/pep425.h"

namespace {

int body(int argc, char**) {
  if (argc != 1) pexrc::fail(pexrc::Status::kUsage, "usage: print_tags < probe.json");
  std::string text;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(0, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) pexrc::fail_errno("cannot read stdin");
    if (n == 0) break;
    text.append(buf, size_t(n));
  }
  for (const std::string& tag : pexrc::supported_tags(pexrc::tag_facts_from_probe(text))) {
    std::fputs(tag.c_str(), stdout);
    std::fputc('\n', stdout);
  }
  if (std::fflush(stdout) != 0) pexrc::fail_errno("cannot write stdout");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return pexrc::run_reporting_errors("print_tags", body, argc, argv);
}
