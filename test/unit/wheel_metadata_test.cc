#include "common/wheel_metadata.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/error.h"

namespace pexrc {
namespace {

using Strings = std::vector<std::string>;

MarkerEnvironment linux_env(std::string extra = "") {
  return {
      {"implementation_name", "cpython"},
      {"implementation_version", "3.11.4"},
      {"os_name", "posix"},
      {"platform_machine", "x86_64"},
      {"platform_python_implementation", "CPython"},
      {"platform_release", "6.1.0"},
      {"platform_system", "Linux"},
      {"platform_version", "#1 SMP"},
      {"python_full_version", "3.11.4"},
      {"python_version", "3.11"},
      {"sys_platform", "linux"},
      {"extra", std::move(extra)},
  };
}

// The message of the Error that parsing throws, which must be kBadArchive.
std::string error_of(std::string_view text) {
  try {
    parse_wheel_metadata(text, "demo.whl");
  } catch (const Error& e) {
    CHECK(e.status() == Status::kBadArchive);
    return e.what();
  }
  return "<parsed>";
}

constexpr std::string_view kRequests =
    "Metadata-Version: 2.1\n"
    "Name: requests\n"
    "Version: 2.31.0\n"
    "Summary: Python HTTP for Humans.\n"
    "Home-page: https://requests.readthedocs.io\n"
    "License: Apache 2.0\n"
    "Classifier: Programming Language :: Python :: 3\n"
    "Requires-Python: >=3.7\n"
    "Description-Content-Type: text/markdown\n"
    "License-File: LICENSE\n"
    "Requires-Dist: charset-normalizer (<4,>=2)\n"
    "Requires-Dist: idna (<4,>=2.5)\n"
    "Requires-Dist: urllib3 (<3,>=1.21.1)\n"
    "Requires-Dist: certifi (>=2017.4.17)\n"
    "Provides-Extra: security\n"
    "Provides-Extra: socks\n"
    "Requires-Dist: PySocks (!=1.5.7,>=1.5.6) ; extra == 'socks'\n"
    "Provides-Extra: use_chardet_on_py3\n"
    "Requires-Dist: chardet (<6,>=3.0.2) ; extra == 'use_chardet_on_py3'\n"
    "\n"
    "# Requests\n"
    "Requires-Dist: not-a-header (this is the description)\n";

TEST_CASE("wheel_metadata: a typical METADATA") {
  WheelMetadata m = parse_wheel_metadata(kRequests, "requests-2.31.0-py3-none-any.whl");
  CHECK(m.name == "requests");
  CHECK(m.version == "2.31.0");
  REQUIRE(m.requires_python);
  CHECK(m.requires_python->str() == ">=3.7");
  REQUIRE(m.requires_dist.size() == 6);
  Strings names;
  for (const Requirement& r : m.requires_dist) names.push_back(r.name);
  CHECK(names == Strings{"charset-normalizer", "idna", "urllib3", "certifi", "PySocks", "chardet"});
  CHECK(m.requires_dist[0].specifiers.str() == "<4,>=2");
  CHECK(!m.requires_dist[0].marker);
  CHECK(m.requires_dist[4].key == "pysocks");
  CHECK(m.requires_dist[4].specifiers.str() == "!=1.5.7,>=1.5.6");
  REQUIRE(m.requires_dist[4].marker);
  CHECK(!m.requires_dist[4].marker->evaluate(linux_env()));
  CHECK(m.requires_dist[4].marker->evaluate(linux_env("socks")));
  REQUIRE(m.requires_dist[5].marker);
  CHECK(m.requires_dist[5].marker->evaluate(linux_env("use-chardet-on-py3")));
  CHECK(m.provides_extra == Strings{"security", "socks", "use-chardet-on-py3"});
}

TEST_CASE("wheel_metadata: markers and extras in Requires-Dist") {
  WheelMetadata m = parse_wheel_metadata(
      "Metadata-Version: 2.3\r\n"
      "Name: demo\r\n"
      "Version: 1.0\r\n"
      "Requires-Dist: importlib-metadata>=4.6; python_version < \"3.10\"\r\n"
      "Requires-Dist: colorama; sys_platform == \"win32\"\r\n"
      "Requires-Dist: requests[socks,Security]>=2.8; extra == \"Net_Tools\" and os_name != 'nt'\r\n"
      "Requires-Dist: tomli>=1.1.0; python_full_version <= '3.11.0a6'\r\n"
      "Provides-Extra: Net_Tools\r\n"
      "Provides-Extra: net-tools\r\n"
      "\r\n",
      "demo");
  CHECK(!m.requires_python);
  REQUIRE(m.requires_dist.size() == 4);
  CHECK(!m.requires_dist[0].marker->evaluate(linux_env()));
  CHECK(!m.requires_dist[1].marker->evaluate(linux_env()));
  const Requirement& net = m.requires_dist[2];
  CHECK(net.key == "requests");
  CHECK(net.extras == Strings{"socks", "security"});
  CHECK(net.specifiers.str() == ">=2.8");
  CHECK(!net.marker->evaluate(linux_env()));
  CHECK(net.marker->evaluate(linux_env("net-tools")));
  CHECK(!m.requires_dist[3].marker->evaluate(linux_env()));
  CHECK(m.provides_extra == Strings{"net-tools"});
}

TEST_CASE("wheel_metadata: continuation lines and header case") {
  WheelMetadata m = parse_wheel_metadata(
      "metadata-version: 2.1\n"
      "NAME: Folded_Name\n"
      "version:   3.0.1  \n"
      "Summary: a summary\n"
      "  that goes on\n"
      "requires-python: >= 3.8,\n"
      "\t!= 3.9.*\n"
      "REQUIRES-DIST: requests [security] >= 2.8.1,\n"
      "    == 2.8.* ; python_version < \"2.7\"\n"
      "Requires-Dist:attrs\n"
      "Keywords:\n"
      "provides-extra: Test\n",
      "folded");
  CHECK(m.name == "Folded_Name");
  CHECK(m.version == "3.0.1");
  REQUIRE(m.requires_python);
  CHECK(m.requires_python->str() == ">=3.8,!=3.9.*");
  CHECK(m.requires_python->contains(*parse_version("3.10")));
  CHECK(!m.requires_python->contains(*parse_version("3.9.2")));
  REQUIRE(m.requires_dist.size() == 2);
  CHECK(m.requires_dist[0].name == "requests");
  CHECK(m.requires_dist[0].specifiers.str() == ">=2.8.1,==2.8.*");
  REQUIRE(m.requires_dist[0].marker);
  CHECK(m.requires_dist[0].marker->str() == "python_version < \"2.7\"");
  CHECK(m.requires_dist[1].name == "attrs");
  CHECK(m.provides_extra == Strings{"test"});
}

TEST_CASE("wheel_metadata: Requires-Python absent, empty or with spaces") {
  CHECK(!parse_wheel_metadata("Name: a\nVersion: 1\n", "x").requires_python);
  CHECK(!parse_wheel_metadata("Name: a\nVersion: 1\nRequires-Python:\n", "x").requires_python);
  CHECK(!parse_wheel_metadata("Name: a\nVersion: 1\nRequires-Python:   \n", "x").requires_python);
  auto rp = parse_wheel_metadata("Name: a\nVersion: 1\nRequires-Python: >= 3.6 , < 4\n", "x")
                .requires_python;
  REQUIRE(rp);
  CHECK(rp->str() == ">=3.6,<4");
  CHECK(parse_wheel_metadata("Name: a\nVersion: 1", "x").version == "1");  // no final newline
}

TEST_CASE("wheel_metadata: the headers end at the blank line") {
  WheelMetadata m =
      parse_wheel_metadata("Name: a\nVersion: 1\n\nRequires-Dist: b\nRequires-Dist: ???\n", "x");
  CHECK(m.requires_dist.empty());
  // A line that is not a header ends them too, as in Python's email parser.
  m = parse_wheel_metadata("Name: a\nVersion: 1\nthis is not a header\nRequires-Dist: b\n", "x");
  CHECK(m.requires_dist.empty());
  // A line of only whitespace does not: Python's email parser takes it as a
  // continuation, and pandas' METADATA folds its License text with such lines
  // before Requires-Dist.
  m = parse_wheel_metadata("Name: a\nVersion: 1\n \nRequires-Dist: b\n", "x");
  CHECK(m.requires_dist.size() == 1);
  m = parse_wheel_metadata(
      "Name: pandas\nVersion: 2.2.3\nLicense: BSD 3-Clause License\n        \n"
      "        Copyright (c) 2008-2011\n\t\n        All rights reserved.\n"
      "Requires-Dist: python-dateutil>=2.8.2\nRequires-Dist: pytz>=2020.1\n\nlong description\n",
      "x");
  REQUIRE(m.requires_dist.size() == 2);
  CHECK(m.requires_dist[1].name == "pytz");
}

TEST_CASE("wheel_metadata: malformed METADATA") {
  CHECK(error_of("Name: a\nVersion: 1\nRequires-Dist: b>=\n") ==
        "demo.whl: Requires-Dist: invalid requirement 'b>=': expected a version after '>=' at "
        "end of input");
  CHECK(error_of("Name: a\nVersion: 1\nRequires-Dist: b; foo == 'x'\n").rfind("demo.whl: ", 0) ==
        0);
  CHECK(error_of("Name: a\nVersion: 1\nRequires-Dist:\n").rfind("demo.whl: ", 0) == 0);
  CHECK(!parse_wheel_metadata("Name: a\nVersion: 1\nRequires-Python: >=3.6.*\n", "x")
             .requires_python);
  CHECK(error_of("Version: 1\n") == "demo.whl: no Name header");
  CHECK(error_of("Name: a\n") == "demo.whl: no Version header");
  CHECK(error_of("") == "demo.whl: no Name header");
  CHECK(error_of("\nName: a\nVersion: 1\n") == "demo.whl: no Name header");
}

}  // namespace
}  // namespace pexrc
