#include "launcher/select/musl.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

namespace pexrc {
namespace {

// Built by meson with Debian's musl-gcc (test/tools/hello.c).
std::string musl_binary() {
  const char* path = std::getenv("PEXRC_TEST_MUSL_BINARY");
  REQUIRE_MESSAGE(path != nullptr, "PEXRC_TEST_MUSL_BINARY is not set (run through meson test)");
  return path;
}

TEST_CASE("musl: the ELF interpreter of real binaries") {
  std::optional<std::string> musl = elf_interpreter(musl_binary());
  REQUIRE(musl.has_value());
  CHECK(musl->find("ld-musl-") != std::string::npos);
  std::optional<std::string> glibc = elf_interpreter("/bin/sh");
  REQUIRE(glibc.has_value());
  CHECK(glibc->find("ld-linux") != std::string::npos);
  CHECK(!elf_interpreter("/etc/passwd"));
  CHECK(!elf_interpreter("/nonexistent/python"));
}

TEST_CASE("musl: the version from the loader's banner") {
  CHECK(parse_musl_version("musl libc (x86_64)\nVersion 1.2.3\nDynamic Program Loader\n") ==
        std::make_pair(1, 2));
  CHECK(parse_musl_version("\n  musl libc (aarch64)  \n\nVersion 1.10.0\n") ==
        std::make_pair(1, 10));
  CHECK(!parse_musl_version("musl libc (x86_64)\n"));
  CHECK(!parse_musl_version("glibc\nVersion 2.36\n"));
  CHECK(!parse_musl_version("musl libc\nVersion x.2\n"));
  CHECK(!parse_musl_version("musl libc\nVersion 1\n"));
  CHECK(!parse_musl_version(""));
  // Run for real: Debian's musl loader, as packaging runs it.
  std::optional<MuslLibc> libc = musl_libc_of(musl_binary());
  REQUIRE(libc.has_value());
  CHECK(libc->major == 1);
  CHECK(libc->loader == elf_interpreter(musl_binary()));
  CHECK(!musl_libc_of("/bin/sh"));
}

}  // namespace
}  // namespace pexrc
