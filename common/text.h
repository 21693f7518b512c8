// Small ASCII text helpers shared by every program. ASCII on purpose: the
// formats they serve (PEP 440/508, wheel tags, METADATA headers, PATH lists)
// are defined over ASCII, and the C library's locale-aware versions would
// bring locale code into the static stub.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace pexrc {

/// What C's isspace() accepts in the "C" locale.
inline constexpr std::string_view kAsciiSpace = " \t\n\v\f\r";

/// `s` without the leading and trailing characters found in `blanks`.
constexpr std::string_view trim(std::string_view s, std::string_view blanks = kAsciiSpace) {
  size_t first = s.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(blanks) + 1 - first);
}

/// `c` with A-Z turned into a-z.
constexpr char to_lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

/// `s` with A-Z turned into a-z.
inline std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

/// Whether `a` and `b` are equal but for the case of A-Z.
constexpr bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return to_lower(x) == to_lower(y); });
}

/// Removes `prefix` from the front of `s` if `s` starts with it; says whether it did.
constexpr bool consume_prefix(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

/// Removes `suffix` from the end of `s` if `s` ends with it; says whether it did.
constexpr bool consume_suffix(std::string_view& s, std::string_view suffix) {
  if (!s.ends_with(suffix)) return false;
  s.remove_suffix(suffix.size());
  return true;
}

/// Length of the UTF-8 sequence at s[i], or 0 if it is not a valid one
/// (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
size_t utf8_sequence_length(std::string_view s, size_t i);

/// Whether all of `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text);

/// The pieces of `text` between `separator`s, empty ones included ("a..b" gives
/// {"a", "", "b"}); they point into `text`.
std::vector<std::string_view> split(std::string_view text, char separator);

/// The non-empty pieces of `text` between `separator`s, in order
/// (PATH-style lists: "a::b:" gives {"a", "b"}).
std::vector<std::string> split_nonempty(std::string_view text, char separator);

}  // namespace pexrc
