// The first-run line: printed on a terminal once its delay has passed, never
// when the work ends first, never when stderr is not a terminal.
#include "launcher/extract/first_run_notice.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <pty.h>
#include <unistd.h>

#include <string>

namespace pexrc {
namespace {

// Points stderr at a new pseudo-terminal (or a pipe) for one test and
// collects what reached it.
class StderrCapture {
 public:
  explicit StderrCapture(bool terminal) {
    saved_ = ::dup(2);
    int out = -1;
    if (terminal) {
      REQUIRE(::openpty(&master_, &out, nullptr, nullptr, nullptr) == 0);
    } else {
      int fds[2];
      REQUIRE(::pipe(fds) == 0);
      master_ = fds[0];
      out = fds[1];
    }
    ::dup2(out, 2);
    ::close(out);
  }
  ~StderrCapture() {
    ::dup2(saved_, 2);
    ::close(saved_);
    if (master_ >= 0) ::close(master_);
  }
  std::string text() {
    std::string got;
    ::fcntl(master_, F_SETFL, O_NONBLOCK);
    char buf[256];
    for (ssize_t n; (n = ::read(master_, buf, sizeof buf)) > 0;) got.append(buf, size_t(n));
    return got;
  }

 private:
  int saved_ = -1;
  int master_ = -1;
};

TEST_CASE("first-run notice: shown on a terminal after its delay") {
  StderrCapture tty(true);
  {
    FirstRunNotice notice("pexrc: first run of a.pexrc: extracting 1.0 GiB...",
                          std::chrono::milliseconds(10));
    REQUIRE(notice.armed());
    notice.wait_until_shown();
  }
  CHECK(tty.text().find("first run of a.pexrc: extracting 1.0 GiB...") != std::string::npos);
}

TEST_CASE("first-run notice: silent when the work ends before the delay") {
  StderrCapture tty(true);
  {
    FirstRunNotice notice("never shown", std::chrono::seconds(30));
    CHECK(notice.armed());
  }
  CHECK(tty.text().empty());
}

TEST_CASE("first-run notice: silent when stderr is not a terminal") {
  StderrCapture pipe(false);
  {
    FirstRunNotice notice("not on a pipe", std::chrono::milliseconds(0));
    CHECK_FALSE(notice.armed());
  }
  CHECK(pipe.text().empty());
}

}  // namespace
}  // namespace pexrc
