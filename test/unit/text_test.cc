#include "common/text.h"

#include <doctest/doctest.h>

namespace pexrc {
namespace {

using Views = std::vector<std::string_view>;
using Strings = std::vector<std::string>;

TEST_CASE("text: trim drops ASCII whitespace, or the blanks given, at both ends") {
  CHECK(trim("  a b \t\r\n\v\f") == "a b");
  CHECK(trim(" \t\n") == "");
  CHECK(trim("") == "");
  CHECK(trim("x") == "x");
  // PEP 508 trims spaces and tabs only: a line feed stays.
  CHECK(trim("\t a\n ", " \t") == "a\n");
}

TEST_CASE("text: to_lower and equals_ignoring_case touch only A-Z") {
  CHECK(to_lower('Q') == 'q');
  CHECK(to_lower('@') == '@');
  CHECK(to_lower("CPython-3.11_X") == "cpython-3.11_x");
  CHECK(to_lower("caf\xc3\x89") == "caf\xc3\x89");
  CHECK(equals_ignoring_case("Requires-Dist", "requires-dist"));
  CHECK_FALSE(equals_ignoring_case("gil", "gi"));
  CHECK_FALSE(equals_ignoring_case("[", "{"));  // 0x5b and 0x7b differ by the case bit
}

TEST_CASE("text: consume_prefix and consume_suffix change the view only on a match") {
  std::string_view s = "python3.11";
  CHECK_FALSE(consume_prefix(s, "pypy"));
  CHECK(s == "python3.11");
  CHECK(consume_prefix(s, "python"));
  CHECK(s == "3.11");
  CHECK(consume_suffix(s, ".11"));
  CHECK(s == "3");
  CHECK_FALSE(consume_suffix(s, "33"));
  CHECK(consume_suffix(s, "3"));
  CHECK(s.empty());
}

TEST_CASE("text: split keeps empty pieces, split_nonempty drops them") {
  CHECK(split("a..b", '.') == Views{"a", "", "b"});
  CHECK(split("", '.') == Views{""});
  CHECK(split(".", '.') == Views{"", ""});
  CHECK(split_nonempty("a::b:", ':') == Strings{"a", "b"});
  CHECK(split_nonempty("", ':').empty());
  CHECK(split_nonempty(":::", ':').empty());
}

}  // namespace
}  // namespace pexrc
