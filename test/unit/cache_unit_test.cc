#include "common/cache_unit.h"

#include <doctest/doctest.h>

#include <string>

namespace pexrc {
namespace {

std::string describe(std::string_view name) {
  UnitOf u = unit_of_entry(name);
  std::string kind = u.kind == UnitOf::kNone ? "none" : u.kind == UnitOf::kCode ? "code" : "wheel";
  if (u.kind == UnitOf::kNone) return kind;
  std::string s = kind + (u.kind == UnitOf::kWheel ? "(" + std::string(u.wheel) + ")" : "") + ":" +
                  std::string(u.path);
  if (!u.bytecode_tag.empty()) s += "@" + std::string(u.bytecode_tag);
  return s;
}

TEST_CASE("cache_unit: content entries belong to the code or their wheel") {
  CHECK(describe("PEX-INFO") == "none");
  CHECK(describe("PEXRC-INFO") == "none");
  CHECK(describe("PEXRC-SBOM.cdx.json") == "none");
  CHECK(describe("__main__.py") == "none");
  CHECK(describe(".deps/") == "none");
  CHECK(describe(".deps/six.whl/") == "none");
  CHECK(describe(".deps/six.whl/six.py") == "wheel(six.whl):six.py");
  CHECK(describe("app/main.py") == "code:app/main.py");
  CHECK(describe("app/") == "code:app");
}

TEST_CASE("cache_unit: shipped bytecode belongs to its unit, with its cache tag") {
  CHECK(describe("PEXRC-BYTECODE/cpython-311/app/__pycache__/main.cpython-311.pyc") ==
        "code:app/__pycache__/main.cpython-311.pyc@cpython-311");
  CHECK(describe("PEXRC-BYTECODE/pypy39/.deps/six.whl/__pycache__/six.pypy39.pyc") ==
        "wheel(six.whl):__pycache__/six.pypy39.pyc@pypy39");
  // The tree's own levels, pexrc's files and nesting are in no unit.
  CHECK(describe("PEXRC-BYTECODE") == "none");
  CHECK(describe("PEXRC-BYTECODE/") == "none");
  CHECK(describe("PEXRC-BYTECODE/cpython-311") == "none");
  CHECK(describe("PEXRC-BYTECODE/cpython-311/") == "none");
  CHECK(describe("PEXRC-BYTECODE//x.pyc") == "none");
  CHECK(describe("PEXRC-BYTECODE/cpython-311/PEX-INFO") == "none");
  CHECK(describe("PEXRC-BYTECODE/cpython-311/.deps/six.whl/") == "none");
  CHECK(describe("PEXRC-BYTECODE/a/PEXRC-BYTECODE/b/x.pyc") == "none");
  // Only the exact directory name: a code directory that merely starts so is code.
  CHECK(describe("PEXRC-BYTECODES/x.py") == "code:PEXRC-BYTECODES/x.py");
}

}  // namespace
}  // namespace pexrc
