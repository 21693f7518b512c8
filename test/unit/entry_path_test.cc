#include "common/entry_path.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace pexrc {
namespace {

TEST_CASE("entry_path: relative names that stay inside are accepted") {
  for (std::string_view name : {"a", "a/b.py", "a/", ".deps/x.whl/mod.py", "a/.hidden", "..a",
                                "a..", "a/...", ".deps/", "x/y/z/"}) {
    CAPTURE(name);
    CHECK(is_safe_entry_name(name));
  }
}

TEST_CASE("entry_path: absolute, dotted, empty-component and NUL names are rejected") {
  for (std::string_view name : {"", "/abs", "../x", "a/../b", "a/./b", "./a", "a//b", "..", ".",
                                "a/..", "/", "//", "a//", "a/.", "./", "../"}) {
    CAPTURE(name);
    CHECK_FALSE(is_safe_entry_name(name));
  }
  const std::string with_nul("a\0b", 3);
  REQUIRE(with_nul.size() == 3);
  CHECK_FALSE(is_safe_entry_name(with_nul));
  CHECK_FALSE(is_safe_entry_name(std::string("dir/x\0.py", 9)));
  CHECK_FALSE(is_safe_entry_name(std::string("\0", 1)));
  // The same names without the NUL are fine, so the NUL is what is refused.
  CHECK(is_safe_entry_name("ab"));
  CHECK(is_safe_entry_name("dir/x.py"));
}

}  // namespace
}  // namespace pexrc
