#include "common/interpreter_constraint.h"

#include <algorithm>

#include "common/error.h"
#include "common/text.h"

namespace pexrc {
namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Consumes `prefix` (compared case-insensitively) from the front of `s`.
bool eat(std::string_view& s, std::string_view prefix) {
  if (s.size() < prefix.size() || !equals_ignoring_case(s.substr(0, prefix.size()), prefix)) {
    return false;
  }
  s.remove_prefix(prefix.size());
  return true;
}

[[noreturn]] void reject(std::string_view text, std::string_view why) {
  fail(Status::kBadPexInfo,
       "invalid interpreter constraint '" + std::string(text) + "': " + std::string(why));
}

}  // namespace

InterpreterConstraint parse_interpreter_constraint(std::string_view text) {
  InterpreterConstraint c;
  std::string_view rest = trim(text);
  c.text = std::string(rest);
  if (rest.empty()) reject(c.text, "it is empty");

  // The name is the leading run of letters: the specifiers always start with an operator.
  size_t name_size = 0;
  while (name_size < rest.size() && is_letter(rest[name_size])) ++name_size;
  if (name_size > 0) {
    std::string_view name = rest.substr(0, name_size);
    if (equals_ignoring_case(name, "cpython")) {
      c.impl = Implementation::kCPython;
    } else if (equals_ignoring_case(name, "pypy")) {
      c.impl = Implementation::kPyPy;
    } else {
      reject(c.text, "unknown interpreter implementation '" + std::string(name) + "'");
    }
    rest = trim(rest.substr(name_size));

    // The build flavour is only spelt right after a name.
    if (eat(rest, "+t")) {
      c.free_threaded = true;
    } else if (eat(rest, "-t")) {
      c.free_threaded = false;
    } else if (eat(rest, "[")) {
      std::string_view inside = rest.substr(0, rest.find(']'));
      if (inside.size() == rest.size()) reject(c.text, "missing ']'");
      rest.remove_prefix(inside.size() + 1);
      inside = trim(inside);
      if (equals_ignoring_case(inside, "free-threaded")) {
        c.free_threaded = true;
      } else if (equals_ignoring_case(inside, "gil")) {
        c.free_threaded = false;
      } else {
        reject(c.text, "unknown build flavour '[" + std::string(inside) +
                           "]' (expected [free-threaded] or [gil])");
      }
    }
  }

  std::optional<SpecifierSet> specifiers = SpecifierSet::parse(rest);
  if (!specifiers) reject(c.text, "bad version specifier '" + std::string(trim(rest)) + "'");
  c.specifiers = std::move(*specifiers);
  return c;
}

bool InterpreterConstraint::matches(const InterpreterFacts& facts) const {
  if (impl && *impl != facts.impl) return false;
  if (free_threaded && *free_threaded != facts.free_threaded) return false;
  return specifiers.contains(facts.version, /*prereleases_allowed=*/true);
}

bool any_matches(const std::vector<InterpreterConstraint>& constraints,
                 const InterpreterFacts& facts) {
  return constraints.empty() ||
         std::any_of(constraints.begin(), constraints.end(),
                     [&](const InterpreterConstraint& c) { return c.matches(facts); });
}

}  // namespace pexrc
