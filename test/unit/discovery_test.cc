#include "runtime/select/discovery.h"

#include <doctest/doctest.h>

#include <string_view>

namespace pexrc {
namespace {

TEST_CASE("discovery: interpreter names are recognised") {
  for (std::string_view name : {"python", "python3", "python3.11", "python3.13t", "python2.7",
                                "pypy", "pypy3", "pypy3.10", "python3t"}) {
    CAPTURE(name);
    CHECK(is_interpreter_name(name));
  }
}

TEST_CASE("discovery: tools and look-alikes are not interpreters") {
  for (std::string_view name : {"python3-config",
                                "python3.11-config",
                                "python3.7m",
                                "pythonw",
                                "python33",
                                "python3.",
                                "python.3",
                                "ipython",
                                "pip",
                                "pypy3.10-c",
                                "",
                                "pytho",
                                "py",
                                "Python3",
                                "python3.11.1",
                                "python3..1",
                                "pypy3.",
                                "python3tt",
                                " python3",
                                "python3 "}) {
    CAPTURE(name);
    CHECK_FALSE(is_interpreter_name(name));
  }
}

}  // namespace
}  // namespace pexrc

TEST_CASE("split_search_path: order kept, empty entries and repeats dropped") {
  CHECK(pexrc::split_search_path("/a::/b:/a:") == std::vector<std::string>{"/a", "/b"});
  CHECK(pexrc::split_search_path("").empty());
  CHECK(pexrc::split_search_path(":::").empty());
}
