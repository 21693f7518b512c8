// RunEnv: one reading of each variable, pex's rules for PEX_*, one rule for
// PEXRC_* switches.
#include "launcher/environment/run_env.h"

#include <doctest/doctest.h>

#include <map>
#include <string>

#include "common/error.h"

namespace pexrc {
namespace {

// The environment a case reads (read_run_env takes getenv's shape, a plain
// function, so the cases hand it over through here).
std::map<std::string, std::string>& variables() {
  static std::map<std::string, std::string> vars;
  return vars;
}

const char* lookup(const char* name) {
  auto it = variables().find(name);
  return it == variables().end() ? nullptr : it->second.c_str();
}

RunEnv read(std::map<std::string, std::string> vars) {
  variables() = std::move(vars);
  return read_run_env(lookup);
}

// The message of the refusal, or "" when the environment is accepted.
std::string refusal(std::map<std::string, std::string> vars) {
  try {
    read(std::move(vars));
  } catch (const Error& e) {
    CHECK(e.status() == Status::kPexRefusal);
    return e.what();
  }
  return "";
}

TEST_CASE("run env: PATH, and the search path when it is unset or empty") {
  RunEnv unset = read({});
  CHECK(unset.path == "");
  CHECK(unset.search_path == "/usr/local/bin:/usr/bin:/bin");
  CHECK(read({{"PATH", ""}}).search_path == "/usr/local/bin:/usr/bin:/bin");
  RunEnv given = read({{"PATH", "/opt/bin"}});
  CHECK(given.path == "/opt/bin");
  CHECK(given.search_path == "/opt/bin");
}

TEST_CASE("run env: pex's booleans are 0/1/false/true in any case, nothing else") {
  for (const char* yes : {"1", "true", "TRUE", "True"})
    CHECK(read({{"PEX_IGNORE_ERRORS", yes}}).pex_ignore_errors);
  for (const char* no : {"0", "false", "FALSE"})
    CHECK_FALSE(read({{"PEX_IGNORE_ERRORS", no}}).pex_ignore_errors);
  CHECK_FALSE(read({}).pex_ignore_errors);
  CHECK(refusal({{"PEX_IGNORE_ERRORS", "yes"}}) ==
        "Invalid value for PEX_IGNORE_ERRORS, must be 0/1/false/true, got 'yes'");
  CHECK(refusal({{"PEX_IGNORE_ERRORS", ""}}) != "");
  CHECK(read({{"PEX_TOOLS", "TRUE"}}).pex_tools);
  CHECK(refusal({{"PEX_TOOLS", "on"}}) ==
        "Invalid bool value for PEX_TOOLS, must be 0/1/false/true, got 'on'");
}

TEST_CASE("run env: PEX_VERBOSE is what Python's int() reads") {
  CHECK(read({}).pex_verbose == 0);
  CHECK(read({{"PEX_VERBOSE", "3"}}).pex_verbose == 3);
  CHECK(read({{"PEX_VERBOSE", " 2\n"}}).pex_verbose == 2);
  CHECK(read({{"PEX_VERBOSE", "+1"}}).pex_verbose == 1);
  CHECK(read({{"PEX_VERBOSE", "1_0"}}).pex_verbose == 10);
  CHECK(read({{"PEX_VERBOSE", "-1"}}).pex_verbose == -1);
  for (const char* bad : {"", "x", "1x", "1__0", "_1", "1_", "--1", "1.0"})
    CHECK_MESSAGE(
        refusal({{"PEX_VERBOSE", bad}}) ==
            std::string("Invalid value for PEX_VERBOSE, must be an integer, got '") + bad + "'",
        bad);
}

TEST_CASE("run env: PEX_INHERIT_PATH takes pex's three names") {
  CHECK(read({}).pex_inherit_path == "");
  for (const char* mode : {"false", "prefer", "fallback"})
    CHECK(read({{"PEX_INHERIT_PATH", mode}}).pex_inherit_path == mode);
  CHECK(refusal({{"PEX_INHERIT_PATH", "true"}}) ==
        "Invalid value for PEX_INHERIT_PATH: 'true' must be one of 'false', 'prefer', 'fallback'");
}

TEST_CASE("run env: PEXRC_* switches: unset or empty is the default, 0 is off, else on") {
  CHECK_FALSE(read({}).pexrc_tools);
  CHECK_FALSE(read({{"PEXRC_TOOLS", ""}}).pexrc_tools);
  CHECK_FALSE(read({{"PEXRC_TOOLS", "0"}}).pexrc_tools);
  for (const char* on : {"1", "yes", "false"}) CHECK(read({{"PEXRC_TOOLS", on}}).pexrc_tools);
  CHECK(read({}).pexrc_compile);
  CHECK(read({{"PEXRC_COMPILE", ""}}).pexrc_compile);
  CHECK_FALSE(read({{"PEXRC_COMPILE", "0"}}).pexrc_compile);
  CHECK(read({{"PEXRC_COMPILE", "1"}}).pexrc_compile);
}

TEST_CASE("run env: pexrc's tools leave PEX_TOOLS alone") {
  RunEnv env = read({{"PEXRC_TOOLS", "1"}, {"PEX_TOOLS", "bogus"}});
  CHECK(env.pexrc_tools);
  CHECK_FALSE(env.pex_tools);
}

TEST_CASE("run env: values passed through as given") {
  RunEnv env = read({{"PEX_PYTHON", "python3.11"},
                     {"PEX_PYTHON_PATH", "/a:/b"},
                     {"PEX_PATH", "x.pexrc:y.pexrc"},
                     {"PYTHONPATH", ""},
                     {"PEXRC_PYTHON", "/usr/bin/python3"},
                     {"PEXRC_PYTHON_ARGS",
                      "-X\x1f"
                      "dev"},
                     {"PEXRC_PAYLOAD", "/srv/app.pexrc"}});
  CHECK(env.pex_python == "python3.11");
  CHECK(env.pex_python_path == "/a:/b");
  CHECK(env.pex_path == "x.pexrc:y.pexrc");
  CHECK(env.python_path_set);
  CHECK_FALSE(read({}).python_path_set);
  CHECK(env.pexrc_python == "/usr/bin/python3");
  CHECK(env.pexrc_python_args ==
        "-X\x1f"
        "dev");
  CHECK(env.pexrc_payload == "/srv/app.pexrc");
}

}  // namespace
}  // namespace pexrc
