// Interpreter selection by pex's rules, on real interpreters: PATH,
// PEX_PYTHON (name or path), PEX_PYTHON_PATH, the current interpreter,
// constraints, the selection strategy and the resolution check.
#include "launcher/select/select_interpreter.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <string>

#include "common/error.h"
#include "test/unit/real_interpreters.h"

namespace pexrc {
namespace {

// Links to CPython 3.9 and 3.12 in a bin/ of their own, a cache root, and
// the environment and PEX-INFO a case changes.
struct Setup {
  testing::TempDir dir;
  std::string bin = dir.path() + "/bin";
  std::string py39 = testing::python_binary("3.9");
  std::string py312 = testing::python_binary("3.12");
  CacheRoot cache{dir.path() + "/root", false, ""};
  RunEnv env;
  PexInfo info;
  LaunchInfo launch;
  ResolveCheck resolves = [](const Interpreter&) { return std::string(); };

  Setup() {
    make_dirs(bin);
    REQUIRE(::symlink(py39.c_str(), (bin + "/python3.9").c_str()) == 0);
    REQUIRE(::symlink(py312.c_str(), (bin + "/python3.12").c_str()) == 0);
    env.path = env.search_path = bin;
  }

  std::string select() {
    Trace quiet(0);
    return select_interpreter(info, launch, "app.pexrc", env, cache, quiet, resolves).executable;
  }

  // The message of the refusal to select.
  std::string refusal() {
    try {
      select();
    } catch (const Error& e) {
      CHECK(e.status() == Status::kNoInterpreter);
      return e.what();
    }
    FAIL("an interpreter was selected");
    return "";
  }
};

TEST_CASE("select: the oldest qualifying interpreter on PATH, or the newest if asked") {
  Setup s;
  CHECK(s.select() == s.py39);
  s.info.prefer_newest = true;
  CHECK(s.select() == s.py312);
}

TEST_CASE("select: interpreter constraints rule interpreters out") {
  Setup s;
  s.info.interpreter_constraints = {"CPython>=3.10"};
  CHECK(s.select() == s.py312);
  s.info.interpreter_constraints = {"CPython<3"};
  std::string why = s.refusal();
  CHECK(why.find("does not satisfy the interpreter constraints") != std::string::npos);
  CHECK(why.find(s.bin + "/python3.9") != std::string::npos);
}

TEST_CASE("select: PEX_PYTHON as a name, as a path, and PEX_PYTHON_PATH") {
  Setup s;
  s.env.pex_python = "python3.12";
  CHECK(s.select() == s.py312);
  s.env.pex_python = s.bin + "/python3.9";
  CHECK(s.select() == s.py39);
  s.info.interpreter_constraints = {">=3.10"};
  CHECK(s.refusal().find("PEX_PYTHON=" + s.bin + "/python3.9") != std::string::npos);
  s.env.pex_python = "";
  s.info.interpreter_constraints = {};
  s.env.search_path = "/nonexistent";
  s.env.pex_python_path = s.bin + "/python3.12";
  CHECK(s.select() == s.py312);
}

TEST_CASE("select: the current interpreter is used when it qualifies") {
  Setup s;
  s.env.pexrc_python = s.bin + "/python3.12";
  CHECK(s.select() == s.py312);
  s.info.interpreter_constraints = {"<3.12"};
  CHECK(s.select() == s.py39);  // it does not qualify: PATH is searched
}

TEST_CASE("select: interpreters the PEX's wheels do not resolve for are passed over") {
  Setup s;
  s.resolves = [&](const Interpreter& in) {
    return in.executable == s.py39 ? std::string("no wheel for numpy") : std::string();
  };
  CHECK(s.select() == s.py312);
  s.resolves = [](const Interpreter&) { return std::string("no wheel for numpy"); };
  CHECK(s.refusal().find("no wheel for numpy") != std::string::npos);
}

}  // namespace
}  // namespace pexrc
