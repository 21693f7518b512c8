#include "common/interpreter_constraint.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/error.h"

namespace pexrc {
namespace {

InterpreterFacts facts(Implementation impl, std::string_view version, bool free_threaded = false) {
  std::optional<Version> v = parse_version(version);
  REQUIRE(v.has_value());
  return InterpreterFacts{impl, *v, free_threaded};
}

InterpreterFacts cpython(std::string_view version) {
  return facts(Implementation::kCPython, version);
}
InterpreterFacts cpython_t(std::string_view version) {
  return facts(Implementation::kCPython, version, true);
}
InterpreterFacts pypy(std::string_view version) { return facts(Implementation::kPyPy, version); }

bool fits(std::string_view constraint, const InterpreterFacts& f) {
  return parse_interpreter_constraint(constraint).matches(f);
}

// The message of the Error thrown for `text`, or "" if it parses.
std::string rejection(std::string_view text) {
  try {
    parse_interpreter_constraint(text);
  } catch (const Error& e) {
    CHECK(e.status() == Status::kBadPexInfo);
    return e.what();
  }
  return "";
}

TEST_CASE("interpreter constraint: parsed fields") {
  InterpreterConstraint c = parse_interpreter_constraint("CPython>=3.9,<3.13");
  CHECK(c.impl == Implementation::kCPython);
  CHECK(!c.free_threaded.has_value());
  CHECK(c.specifiers.str() == ">=3.9,<3.13");
  CHECK(c.text == "CPython>=3.9,<3.13");

  c = parse_interpreter_constraint("  PyPy==3.10.*  ");
  CHECK(c.impl == Implementation::kPyPy);
  CHECK(c.specifiers.specifiers().size() == 1);
  CHECK(c.specifiers.specifiers()[0].wildcard);
  CHECK(c.text == "PyPy==3.10.*");

  c = parse_interpreter_constraint(">=3.8");
  CHECK(!c.impl.has_value());
  CHECK(c.specifiers.str() == ">=3.8");

  c = parse_interpreter_constraint("CPython");
  CHECK(c.impl == Implementation::kCPython);
  CHECK(c.specifiers.empty());

  CHECK(parse_interpreter_constraint("cpython>=3").impl == Implementation::kCPython);
  CHECK(parse_interpreter_constraint("PYPY").impl == Implementation::kPyPy);
  CHECK(parse_interpreter_constraint("pypy").impl == Implementation::kPyPy);
  CHECK(parse_interpreter_constraint("CPython >= 3.9, < 4").specifiers.str() == ">=3.9,<4");
}

TEST_CASE("interpreter constraint: build flavours") {
  CHECK(parse_interpreter_constraint("CPython+t>=3.13").free_threaded == true);
  CHECK(parse_interpreter_constraint("CPython[free-threaded]>=3.13").free_threaded == true);
  CHECK(parse_interpreter_constraint("CPython[Free-Threaded]").free_threaded == true);
  CHECK(parse_interpreter_constraint("CPython-t").free_threaded == false);
  CHECK(parse_interpreter_constraint("CPython[gil]==3.13.*").free_threaded == false);
  CHECK(parse_interpreter_constraint("CPython-t==3.13.*").specifiers.str() == "==3.13.*");
  CHECK(parse_interpreter_constraint("CPython+t").specifiers.empty());

  CHECK(fits("CPython+t>=3.13", cpython_t("3.13.1")));
  CHECK(!fits("CPython+t>=3.13", cpython("3.13.1")));
  CHECK(!fits("CPython+t>=3.13", cpython_t("3.12.0")));
  CHECK(fits("CPython[free-threaded]>=3.13", cpython_t("3.14.0")));
  CHECK(!fits("CPython[free-threaded]>=3.13", cpython("3.14.0")));
  CHECK(fits("CPython-t", cpython("3.13.0")));
  CHECK(!fits("CPython-t", cpython_t("3.13.0")));
  CHECK(fits("CPython[gil]>=3.8", cpython("3.8.0")));
  CHECK(!fits("CPython[gil]>=3.8", cpython_t("3.13.0")));
  // Without a flavour either build will do.
  CHECK(fits("CPython>=3.13", cpython_t("3.13.0")));
  CHECK(fits("CPython>=3.13", cpython("3.13.0")));
  CHECK(fits(">=3.13", cpython_t("3.13.0")));
}

TEST_CASE("interpreter constraint: matching") {
  CHECK(fits("CPython>=3.9,<3.13", cpython("3.9.0")));
  CHECK(fits("CPython>=3.9,<3.13", cpython("3.12.7")));
  CHECK(!fits("CPython>=3.9,<3.13", cpython("3.13.0")));
  CHECK(!fits("CPython>=3.9,<3.13", cpython("3.8.18")));
  CHECK(!fits("CPython>=3.9,<3.13", pypy("3.10.14")));
  CHECK(fits("PyPy==3.10.*", pypy("3.10.14")));
  CHECK(!fits("PyPy==3.10.*", pypy("3.11.0")));
  CHECK(!fits("PyPy==3.10.*", cpython("3.10.14")));
  CHECK(fits(">=3.8", cpython("3.11.2")));
  CHECK(fits(">=3.8", pypy("3.9.19")));
  CHECK(!fits(">=3.8", pypy("3.7.13")));
  CHECK(fits("CPython", cpython("2.7.18")));
  CHECK(!fits("CPython", pypy("3.10.14")));
  CHECK(fits("==3.11.*", cpython("3.11.9")));
  CHECK(!fits("==3.11.*", cpython("3.1.1")));
  CHECK(fits("CPython~=3.10", cpython("3.12.1")));
  CHECK(!fits("CPython~=3.10", cpython("4.0.0")));
}

TEST_CASE("interpreter constraint: pre-release interpreters") {
  // An installed interpreter is what it is: its pre-release status does not exclude it.
  CHECK(fits(">=3.9", cpython("3.14.0rc1")));
  CHECK(fits("CPython>=3.9,<3.15", cpython("3.14.0a7")));
  CHECK(fits("==3.14.*", cpython("3.14.0b2")));
  CHECK(fits("CPython", cpython("3.14.0rc1")));
  // Ordering still applies: 3.14.0rc1 comes before 3.14, and "<3.14" keeps out its
  // pre-releases.
  CHECK(!fits("<3.14", cpython("3.14.0rc1")));
  CHECK(!fits(">=3.14", cpython("3.14.0rc1")));
}

TEST_CASE("interpreter constraint: any_matches ORs the list") {
  std::vector<InterpreterConstraint> list = {parse_interpreter_constraint("CPython==3.9.*"),
                                             parse_interpreter_constraint("PyPy>=3.10")};
  CHECK(any_matches(list, cpython("3.9.18")));
  CHECK(any_matches(list, pypy("3.10.14")));
  CHECK(!any_matches(list, cpython("3.10.1")));
  CHECK(!any_matches(list, pypy("3.9.19")));
  CHECK(any_matches({}, cpython("2.7.18")));
  CHECK(any_matches({}, pypy("3.14.0a1")));
  CHECK(!any_matches({parse_interpreter_constraint("CPython+t")}, cpython("3.13.0")));
}

TEST_CASE("interpreter constraint: rejected forms") {
  CHECK(rejection("CPython>>3") ==
        "invalid interpreter constraint 'CPython>>3': bad version specifier '>>3'");
  CHECK(rejection("Jython>=2.7") ==
        "invalid interpreter constraint 'Jython>=2.7': unknown interpreter implementation "
        "'Jython'");
  CHECK(rejection("") == "invalid interpreter constraint '': it is empty");
  CHECK(rejection("CPython[nogil]>=3.13") ==
        "invalid interpreter constraint 'CPython[nogil]>=3.13': unknown build flavour "
        "'[nogil]' (expected [free-threaded] or [gil])");
  CHECK(rejection("CPython[free-threaded>=3.13") ==
        "invalid interpreter constraint 'CPython[free-threaded>=3.13': missing ']'");
  constexpr std::string_view kBad[] = {"CPython3>=3.9",   "CPython 3.9",       "3.9",
                                       "CPython>=3.9 <4", "CPython>=",         "CPython=3.9",
                                       "CPython+x>=3",    "CPython+t+t",       "CPython[gil][gil]",
                                       "CPython[]",       "+t>=3.13",          "[gil]>=3.8",
                                       "python>=3",       "CPython>=3.9;PyPy", "CPython>=3.9+local",
                                       "PyPy~=3",         "C Python>=3",       "CPython==3.*.*",
                                       "cpython>=abc"};
  for (std::string_view bad : kBad) {
    CHECK_MESSAGE(!rejection(bad).empty(), "accepted '", std::string(bad), "'");
  }
}

}  // namespace
}  // namespace pexrc
