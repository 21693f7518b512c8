#include "common/wheel_name.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace pexrc {
namespace {

using Strings = std::vector<std::string>;

WheelName parsed(std::string_view file_name) {
  std::optional<WheelName> name = parse_wheel_name(file_name);
  REQUIRE_MESSAGE(name.has_value(), "did not parse: ", std::string(file_name));
  return *name;
}

TEST_CASE("wheel_name: the five-part form") {
  WheelName w = parsed("requests-2.31.0-py3-none-any.whl");
  CHECK(w.distribution == "requests");
  CHECK(w.key == "requests");
  CHECK(w.version == "2.31.0");
  CHECK(!w.build);
  CHECK(w.tags == Strings{"py3-none-any"});

  w = parsed("typing_extensions-4.12.2-py3-none-any.whl");
  CHECK(w.distribution == "typing_extensions");
  CHECK(w.key == "typing-extensions");

  w = parsed("zope.interface-6.0-cp311-cp311-macosx_11_0_arm64.whl");
  CHECK(w.key == "zope-interface");
  CHECK(w.tags == Strings{"cp311-cp311-macosx_11_0_arm64"});

  w = parsed("Foo_Bar-1.0rc1.post2.dev3+local.7-py3-none-any.whl");
  CHECK(w.distribution == "Foo_Bar");
  CHECK(w.key == "foo-bar");
  CHECK(w.version == "1.0rc1.post2.dev3+local.7");
}

TEST_CASE("wheel_name: build tags") {
  WheelName w = parsed("distribution-1.0-1-py27-none-any.whl");
  CHECK(w.distribution == "distribution");
  CHECK(w.version == "1.0");
  REQUIRE(w.build);
  CHECK(w.build->first == 1u);
  CHECK(w.build->second == "");
  CHECK(w.tags == Strings{"py27-none-any"});

  w = parsed("pkg-2.0-123abc-py3-none-any.whl");
  REQUIRE(w.build);
  CHECK(w.build->first == 123u);
  CHECK(w.build->second == "abc");

  w = parsed("pkg-2.0-007_x.y-py3-none-any.whl");
  REQUIRE(w.build);
  CHECK(w.build->first == 7u);
  CHECK(w.build->second == "_x.y");

  CHECK(!parse_wheel_name("pkg-2.0-abc-py3-none-any.whl"));  // must start with a digit
  CHECK(!parse_wheel_name("pkg-2.0-_1-py3-none-any.whl"));
  CHECK(!parse_wheel_name("pkg-2.0-99999999999999999999999-py3-none-any.whl"));  // too big
}

TEST_CASE("wheel_name: compressed tag sets expand in file order") {
  CHECK(parsed("six-1.16.0-py2.py3-none-any.whl").tags == Strings{"py2-none-any", "py3-none-any"});
  CHECK(parsed("numpy-1.26.4-cp39-cp39-manylinux_2_17_x86_64.manylinux2014_x86_64.whl").tags ==
        Strings{"cp39-cp39-manylinux_2_17_x86_64", "cp39-cp39-manylinux2014_x86_64"});
  CHECK(parsed("x-1-py2.py3-none-macosx_10_9_x86_64.macosx_11_0_arm64.whl").tags ==
        Strings{"py2-none-macosx_10_9_x86_64", "py2-none-macosx_11_0_arm64",
                "py3-none-macosx_10_9_x86_64", "py3-none-macosx_11_0_arm64"});
  CHECK(parsed("x-1-cp38.cp39-abi3.none-any.whl").tags ==
        Strings{"cp38-abi3-any", "cp38-none-any", "cp39-abi3-any", "cp39-none-any"});
  CHECK(parsed("x-1-3-py3-none-any.any.whl").tags == Strings{"py3-none-any"});  // no repeats
  CHECK(parsed("X-1-PY3-None-Win_AMD64.whl").tags == Strings{"py3-none-win_amd64"});
}

TEST_CASE("wheel_name: invalid names") {
  for (const char* name : {
           "", ".whl",
           "requests-2.31.0-py3-none-any",       // no suffix
           "requests-2.31.0-py3-none-any.zip",   //
           "requests-2.31.0-py3-none-any.WHL",   // the suffix is case-sensitive
           "requests-2.31.0.tar.gz",             //
           "requests-2.31.0-py3-none.whl",       // too few parts
           "requests-py3-none-any.whl",          //
           "a-b-1.0-1-py3-none-any.whl",         // too many parts
           "requests-2.31.0--py3-none-any.whl",  // an empty part
           "-2.31.0-py3-none-any.whl",           // no distribution
           "requests-2.31.0-py3-none-.whl",      //
           "requests-not.a.version-py3-none-any.whl",
           "req!uests-2.31.0-py3-none-any.whl",      // not an escaped name
           "req uests-2.31.0-py3-none-any.whl",      //
           "requests-2.31.0-py2..py3-none-any.whl",  // an empty tag in a set
           "requests-2.31.0-py3-none-any..whl",      //
           "requests-2.31.0-.py3-none-any.whl",      //
       }) {
    CAPTURE(name);
    CHECK(!parse_wheel_name(name));
  }
}

}  // namespace
}  // namespace pexrc
