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

TEST_CASE("entry_path: names must read back the same: UTF-8, no control characters") {
  CHECK(is_safe_entry_name("caf\xc3\xa9/\xe2\x82\xac.py"));  // café/€.py
  CHECK(is_safe_entry_name("\xf0\x9f\x90\x8d.py"));          // a 4-byte sequence
  CHECK(entry_name_problem("a\xff.py") == "is not valid UTF-8");
  CHECK(entry_name_problem("a\xc3") == "is not valid UTF-8");             // cut short
  CHECK(entry_name_problem("\xc0\xaf") == "is not valid UTF-8");          // overlong '/'
  CHECK(entry_name_problem("\xed\xa0\x80") == "is not valid UTF-8");      // a surrogate
  CHECK(entry_name_problem("\xf4\x90\x80\x80") == "is not valid UTF-8");  // past U+10FFFF
  CHECK(entry_name_problem("a\nb") == "contains a control character");
  CHECK(entry_name_problem("a\x7f") == "contains a control character");
  CHECK(entry_name_problem(std::string("a\0b", 3)) == "contains a NUL byte");
  CHECK(entry_name_problem("a/" + std::string(256, 'x')) ==
        "has a component longer than 255 bytes");
  CHECK(is_safe_entry_name("a/" + std::string(255, 'x')));
  CHECK(entry_name_problem("a/../b") == "has a '..' component");
}

TEST_CASE("entry_path: plain components and keys") {
  CHECK(is_plain_component("six-1.16.0-py2.py3-none-any.whl"));
  for (std::string_view bad : {"", ".", "..", "a/b", "a/", "/a"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_plain_component(bad));
  }
  CHECK_FALSE(is_plain_component(std::string("a\0", 2)));
  CHECK(is_safe_key("0123abcdefABC-_"));
  CHECK_FALSE(is_safe_key(""));
  CHECK_FALSE(is_safe_key("a/b"));
  CHECK_FALSE(is_safe_key(".."));
  CHECK_FALSE(is_safe_key(std::string(129, 'a')));
}

TEST_CASE("entry_path: name_clash finds duplicates and files used as directories") {
  CHECK(name_clash({"a/", "a/b", "a/c/", "a/c/d", "b"}) == "");
  CHECK(name_clash({"a", "b", "a"}) == "'a' is in the archive twice");
  CHECK(name_clash({"a/", "a"}) == "'a' is in the archive twice");
  CHECK(name_clash({"a", "a-b", "a/b"}) == "'a/b' lies under 'a', which is a file");
  CHECK(name_clash({"x/y", "x/y/z/"}) == "'x/y/z' lies under 'x/y', which is a file");
  CHECK(name_clash({}) == "");
}

}  // namespace
}  // namespace pexrc
