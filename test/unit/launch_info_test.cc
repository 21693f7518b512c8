#include "common/launch_info.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "common/error.h"

namespace pexrc {
namespace {

// The status of the Error parse_launch_info throws, checking the message names
// the origin; fails the test if it parses.
const std::string kHashA(64, 'a');
const std::string kHashB = std::string(63, '0') + "9";

// A LaunchInfo whose content hashes are valid, as every real one has them.
LaunchInfo with_hashes(LaunchInfo info) {
  info.code_hash = kHashA;
  return info;
}

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
  LaunchInfo in = with_hashes({});
  in.shebang = "#!/usr/bin/env python3.11";
  in.python_hint = "python3.11";
  in.injector_version = "0.1.0";
  in.wheel_hashes = {{"six-1.16.0-py2.py3-none-any.whl", kHashB}};
  std::string json = to_json(in);
  LaunchInfo out = parse_launch_info(json, "x.pexrc");
  CHECK(out.format == kLaunchInfoFormat);
  CHECK(out.shebang == in.shebang);
  CHECK(out.python_hint == in.python_hint);
  CHECK(out.injector_version == in.injector_version);
  CHECK(out.code_hash == kHashA);
  CHECK(out.wheel_hashes == in.wheel_hashes);

  // Characters JSON must escape survive too.
  LaunchInfo odd = with_hashes({});
  odd.shebang = "#!/opt/my \"py\"/bin/python3\t-u\\";
  odd.python_hint = "/opt/my \"py\"/bin/python3";
  odd.injector_version = "\xc3\xa9t\xc3\xa9";  // UTF-8 "été"
  LaunchInfo back = parse_launch_info(to_json(odd), "odd");
  CHECK(back.shebang == odd.shebang);
  CHECK(back.python_hint == odd.python_hint);
  CHECK(back.injector_version == odd.injector_version);

  // Empty fields round trip as empty.
  LaunchInfo empty = parse_launch_info(to_json(with_hashes({})), "empty");
  CHECK(empty.format == kLaunchInfoFormat);
  CHECK(empty.shebang.empty());
  CHECK(empty.python_hint.empty());
  CHECK(empty.injector_version.empty());
}

TEST_CASE("launch_info: output is byte-stable with sorted keys") {
  LaunchInfo in = with_hashes({});
  in.shebang = "#!/bin/sh";
  in.python_hint = "";
  in.injector_version = "1.2.3";
  in.wheel_hashes = {{"b.whl", kHashB}, {"a.whl", kHashA}};
  CHECK(to_json(in) == R"({"bytecode":{},"code_hash":")" + kHashA +
                           R"(","format":3,"injector_version":"1.2.3",)"
                           R"("python_hint":"","shebang":"#!/bin/sh","wheel_hashes":{"a.whl":")" +
                           kHashA + R"(","b.whl":")" + kHashB + R"("}})");
  CHECK(to_json(in) == to_json(in));
}

TEST_CASE("launch_info: unknown keys and missing strings are tolerated") {
  LaunchInfo info = parse_launch_info(
      R"({"format":3,"future":[1,2],"shebang":"#!x","wheel_hashes":{},"code_hash":")" + kHashA +
          R"("})",
      "o");
  CHECK(info.shebang == "#!x");
  CHECK(info.python_hint.empty());
  CHECK(info.injector_version.empty());
}

TEST_CASE("launch_info: wrong format and garbage are not a PEX") {
  CHECK(launch_info_error(R"({"format":1,"shebang":""})") == Status::kNotAPex);
  CHECK(launch_info_error(R"({"format":2,"shebang":""})") == Status::kNotAPex);
  CHECK(launch_info_error(R"({"format":4,"shebang":""})") == Status::kNotAPex);
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

TEST_CASE("launch_info: content hashes must be 64 lower-case hex digits") {
  auto text = [](const std::string& code, const std::string& wheels) {
    return R"({"format":3,"code_hash":")" + code + R"(","wheel_hashes":)" + wheels + "}";
  };
  CHECK(parse_launch_info(text(kHashA, "{}"), "o").code_hash == kHashA);
  CHECK(launch_info_error(R"({"format":3,"wheel_hashes":{}})") == Status::kBadArchive);
  CHECK(launch_info_error(text(kHashA.substr(1), "{}")) == Status::kBadArchive);
  CHECK(launch_info_error(text(std::string(64, 'A'), "{}")) == Status::kBadArchive);
  CHECK(launch_info_error(text(kHashA, "[]")) == Status::kBadArchive);
  CHECK(launch_info_error(text(kHashA, "")) == Status::kNotAPex);
  CHECK(launch_info_error(text(kHashA, R"({"a.whl":"xyz"})")) == Status::kBadArchive);
  CHECK(launch_info_error(text(kHashA, R"({"a.whl":7})")) == Status::kBadArchive);
}

TEST_CASE("launch_info: bytecode hashes per cache tag round trip, and bad ones are refused") {
  LaunchInfo in = with_hashes({});
  in.bytecode["cpython-311"].code_hash = kHashB;
  in.bytecode["cpython-311"].wheel_hashes = {{"six-1.16.0-py2.py3-none-any.whl", kHashA}};
  in.bytecode["pypy39"].wheel_hashes = {{"six-1.16.0-py2.py3-none-any.whl", kHashB}};
  LaunchInfo out = parse_launch_info(to_json(in), "x");
  REQUIRE(out.bytecode.size() == 2);
  CHECK(out.bytecode["cpython-311"].code_hash == kHashB);
  CHECK(out.bytecode["cpython-311"].wheel_hashes == in.bytecode["cpython-311"].wheel_hashes);
  CHECK(out.bytecode["pypy39"].code_hash.empty());  // no code compiled: none recorded
  CHECK(out.bytecode["pypy39"].wheel_hashes == in.bytecode["pypy39"].wheel_hashes);

  auto text = [](const std::string& bytecode) {
    return R"({"format":3,"code_hash":")" + kHashA + R"(","wheel_hashes":{},"bytecode":)" +
           bytecode + "}";
  };
  CHECK(parse_launch_info(text("{}"), "o").bytecode.empty());
  CHECK(launch_info_error(text("[]")) == Status::kBadArchive);
  CHECK(launch_info_error(text(R"({"cpython-311":[]})")) == Status::kBadArchive);
  CHECK(launch_info_error(text(R"({"cpython-311":{}})")) ==
        Status::kBadArchive);  // no wheel_hashes
  CHECK(launch_info_error(text(R"({"../x":{"wheel_hashes":{}}})")) == Status::kBadArchive);
  CHECK(launch_info_error(text(R"({"a/b":{"wheel_hashes":{}}})")) == Status::kBadArchive);
  CHECK(launch_info_error(text(R"({"t":{"code_hash":"x","wheel_hashes":{}}})")) ==
        Status::kBadArchive);
  CHECK(launch_info_error(text(R"({"t":{"wheel_hashes":{"a.whl":"zz"}}})")) == Status::kBadArchive);
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

TEST_CASE("launch_info: python_in_shebang splits interpreter and arguments") {
  auto python = python_in_shebang("#!/usr/bin/env python3 -u");
  REQUIRE(python);
  CHECK(python->program == "python3");
  CHECK(python->args == "-u");
  python = python_in_shebang("#!python");
  REQUIRE(python);
  CHECK(python->program == "python");
  CHECK(python->args.empty());
  python = python_in_shebang("#! /opt/py/bin/python3.12  -s -E \r");
  REQUIRE(python);
  CHECK(python->program == "/opt/py/bin/python3.12");
  CHECK(python->args == "-s -E");
  python = python_in_shebang("#!/usr/bin/env -S pypy3\t-O");
  REQUIRE(python);
  CHECK(python->program == "pypy3");
  CHECK(python->args == "-O");
  // A CRLF line still names the interpreter without the carriage return.
  python = python_in_shebang("#!/usr/bin/python3\r");
  REQUIRE(python);
  CHECK(python->program == "/usr/bin/python3");
  CHECK(python->args.empty());
  CHECK_FALSE(python_in_shebang("#!/bin/sh"));
  CHECK_FALSE(python_in_shebang("#!/usr/bin/env bash -e"));
  CHECK_FALSE(python_in_shebang("#!"));
  CHECK_FALSE(python_in_shebang("python3"));
  CHECK_FALSE(python_in_shebang(""));
}

// The parts of pex's --sh-boot script that matter, in the order pex writes them.
constexpr const char* kShBootHead =
    "#!/bin/sh\n"
    "# N.B.: This script should stick to syntax defined for POSIX `sh` and avoid non-builtins.\n"
    "set -eu\n"
    "\n"
    "VENV=\"\"\n"
    "DEFAULT_PYTHON=\"\"\n"
    "PYTHON_ARGS=\"\"\n";
constexpr const char* kShBootFind =
    "find_python() {\n"
    "    if [ -f \"${PEX_PYTHON:-}\" -a -x \"${PEX_PYTHON:-}\" ]; then\n"
    "        echo \"${PEX_PYTHON}\"\n"
    "        return\n"
    "    fi\n"
    "    for python in \\\n"
    "\"python3.11\" \\\n"
    "\"python3.16\" \\\n"
    "\"python3\" \\\n"
    "    ; do\n"
    "        if PATH=\"${_path}\" command -v \"${python}\" 2>/dev/null; then\n"
    "            return\n"
    "        fi\n"
    "    done\n"
    "}\n"
    "echo >&2 \"Failed to find any of these python binaries on the PATH:\"\n"
    "for python in \\\n"
    "\"pypy\" \\\n"
    "; do\n"
    "    echo >&2 \"${python}\"\n"
    "done\n";

TEST_CASE("launch_info: python_hint_from_sh_boot takes the script's first choice") {
  std::string script = std::string(kShBootHead) + kShBootFind;
  CHECK(python_hint_from_sh_boot(script) == "python3.11");
  // Zip data may follow the script: it is never reached.
  CHECK(python_hint_from_sh_boot(script + std::string("PK\3\4\0\0\xff\n", 8)) == "python3.11");
  // The sh/Python polyglot pex writes as a directory PEX's __main__.py.
  CHECK(python_hint_from_sh_boot("#!/bin/sh\n'''': pshprs\n" + script.substr(10) + "'''\n") ==
        "python3.11");
  // CRLF line ends and indentation do not matter.
  CHECK(python_hint_from_sh_boot("  for python in \\\r\n  \"python3.12\"  \\\r\n") == "python3.12");

  // --python-shebang with an absolute path becomes DEFAULT_PYTHON, which the script
  // tries before its list; a bare name there is only tried relative to the cwd.
  std::string with_default = script;
  with_default.replace(with_default.find("DEFAULT_PYTHON=\"\""), 17,
                       "DEFAULT_PYTHON=\"/opt/py/bin/python3\"");
  CHECK(python_hint_from_sh_boot(with_default) == "/opt/py/bin/python3");
  std::string bare_default = script;
  bare_default.replace(bare_default.find("DEFAULT_PYTHON=\"\""), 17,
                       "DEFAULT_PYTHON=\"python3.12\"");
  CHECK(python_hint_from_sh_boot(bare_default) == "python3.11");
}

TEST_CASE("launch_info: python_hint_from_sh_boot is empty for other scripts") {
  CHECK(python_hint_from_sh_boot("") == "");
  CHECK(python_hint_from_sh_boot("#!/bin/sh\necho hello\n") == "");
  CHECK(python_hint_from_sh_boot(kShBootHead) == "");
  // A list without a well-formed first entry.
  CHECK(python_hint_from_sh_boot("for python in \\\n; do\n") == "");
  CHECK(python_hint_from_sh_boot("for python in \\\n\"python3\"\n") == "");
  CHECK(python_hint_from_sh_boot("for python in \\\n\"\" \\\n") == "");
  CHECK(python_hint_from_sh_boot("for python in \\\n\"python3 -u\" \\\n") == "");
  CHECK(python_hint_from_sh_boot("for python in \\\n\"$(evil)\" \\\n") == "");
  CHECK(python_hint_from_sh_boot("for python in \\\n\"python3") == "");
}

}  // namespace
}  // namespace pexrc
