#include "common/launch_info.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "common/error.h"

namespace pexrc {
namespace {

// The status of the Error parse_launch_info throws, checking the message names
// the origin; fails the test if it parses.
Status launch_info_error(std::string_view text) {
  try {
    parse_launch_info(text, "origin.pexrc");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("origin.pexrc") != std::string::npos);
    return e.status();
  }
  FAIL_CHECK("parse_launch_info accepted: " << text);
  return Status::kInternal;
}

TEST_CASE("launch_info: to_json and parse_launch_info round trip") {
  LaunchInfo in;
  in.shebang = "#!/usr/bin/env python3.11";
  in.python_hint = "python3.11";
  in.injector_version = "0.1.0";
  std::string json = to_json(in);
  LaunchInfo out = parse_launch_info(json, "x.pexrc");
  CHECK(out.format == kLaunchInfoFormat);
  CHECK(out.shebang == in.shebang);
  CHECK(out.python_hint == in.python_hint);
  CHECK(out.injector_version == in.injector_version);

  // Characters JSON must escape survive too.
  LaunchInfo odd;
  odd.shebang = "#!/opt/my \"py\"/bin/python3\t-u\\";
  odd.python_hint = "/opt/my \"py\"/bin/python3";
  odd.injector_version = "\xc3\xa9t\xc3\xa9";  // UTF-8 "été"
  LaunchInfo back = parse_launch_info(to_json(odd), "odd");
  CHECK(back.shebang == odd.shebang);
  CHECK(back.python_hint == odd.python_hint);
  CHECK(back.injector_version == odd.injector_version);

  // Empty fields round trip as empty.
  LaunchInfo empty = parse_launch_info(to_json(LaunchInfo{}), "empty");
  CHECK(empty.format == kLaunchInfoFormat);
  CHECK(empty.shebang.empty());
  CHECK(empty.python_hint.empty());
  CHECK(empty.injector_version.empty());
}

TEST_CASE("launch_info: output is byte-stable with sorted keys") {
  LaunchInfo in;
  in.shebang = "#!/bin/sh";
  in.python_hint = "";
  in.injector_version = "1.2.3";
  CHECK(to_json(in) ==
        R"({"format":1,"injector_version":"1.2.3","python_hint":"","shebang":"#!/bin/sh"})");
  CHECK(to_json(in) == to_json(in));
}

TEST_CASE("launch_info: unknown keys and missing strings are tolerated") {
  LaunchInfo info = parse_launch_info(R"({"format":1,"future":[1,2],"shebang":"#!x"})", "o");
  CHECK(info.shebang == "#!x");
  CHECK(info.python_hint.empty());
  CHECK(info.injector_version.empty());
}

TEST_CASE("launch_info: wrong format and garbage are not a PEX") {
  CHECK(launch_info_error(R"({"format":2,"shebang":""})") == Status::kNotAPex);
  CHECK(launch_info_error(R"({"format":0})") == Status::kNotAPex);
  CHECK(launch_info_error(R"({"format":"1"})") == Status::kNotAPex);
  CHECK(launch_info_error(R"({"format":1.5})") == Status::kNotAPex);
  CHECK(launch_info_error(R"({"shebang":"#!/bin/sh"})") == Status::kNotAPex);
  CHECK(launch_info_error("[1]") == Status::kNotAPex);
  CHECK(launch_info_error("") == Status::kNotAPex);
  CHECK(launch_info_error("not json at all") == Status::kNotAPex);
  CHECK(launch_info_error(std::string("\x50\x4b\x03\x04\0\0", 6)) == Status::kNotAPex);
  CHECK(launch_info_error(R"({"format":1)") == Status::kNotAPex);
}

// Regression: the format number was once narrowed to int before comparing,
// which turned 2^32 + 1 into 1.
TEST_CASE("launch_info: format numbers beyond int are not mistaken for format 1") {
  CHECK(launch_info_error(R"({"format":4294967297})") == Status::kNotAPex);
  CHECK(launch_info_error(R"({"format":-4294967295})") == Status::kNotAPex);
}

TEST_CASE("launch_info: python_hint_from_shebang") {
  CHECK(python_hint_from_shebang("#!/usr/bin/env python3.11") == "python3.11");
  CHECK(python_hint_from_shebang("#!/usr/bin/env -S python3 -sE") == "python3");
  CHECK(python_hint_from_shebang("#!/opt/py/bin/python3.12") == "/opt/py/bin/python3.12");
  CHECK(python_hint_from_shebang("#!/usr/bin/env pypy3") == "pypy3");
  CHECK(python_hint_from_shebang("#!/bin/sh") == "");
  CHECK(python_hint_from_shebang("#!/bin/bash") == "");
  CHECK(python_hint_from_shebang("") == "");
  CHECK(python_hint_from_shebang("no shebang") == "");
  // Arguments after the interpreter and extra blanks are dropped.
  CHECK(python_hint_from_shebang("#!/usr/bin/env python3.11 -sE") == "python3.11");
  CHECK(python_hint_from_shebang("#! /usr/bin/python3 -u") == "/usr/bin/python3");
  CHECK(python_hint_from_shebang("#!/usr/bin/env\tpython3") == "python3");
  CHECK(python_hint_from_shebang("#!") == "");
  CHECK(python_hint_from_shebang("#!/usr/bin/env") == "");
  CHECK(python_hint_from_shebang("#!/usr/bin/env bash") == "");
  CHECK(python_hint_from_shebang("python3") == "");
}

}  // namespace
}  // namespace pexrc
