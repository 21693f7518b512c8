#include "common/pex_info.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "common/error.h"

namespace pexrc {
namespace {

// PEX-INFO of a cowsay PEX built by pex 2.105.2.
constexpr std::string_view kCowsayPexInfo =
    R"({"bind_resource_paths":{},"bootstrap_hash":"a88f6cd9c4de6209a3c542b22909786089eb207b","build_properties":{"pex_version":"2.105.2"},"code_hash":"da39a3ee5e6b4b0d3255bfef95601890afd80709","deps_are_wheel_files":false,"distributions":{"cowsay-6.1-py3-none-any.whl":"8e5c95eb3394ede6f0fe1849e103a21a930bcab4dde14fb38e4c0b55dcc720c8"},"emit_warnings":true,"entry_point":"cowsay.__main__:cli","excluded":[],"ignore_errors":false,"includes_tools":false,"inherit_path":"false","inject_args":[],"inject_env":{},"inject_python_args":[],"interpreter_constraints":[],"interpreter_selection_strategy":"oldest","max_install_jobs":1,"overridden":[],"pex_hash":"19462551180dbaa263b154ac4b6400f87e6069d6","pex_path":"","pex_paths":[],"requirements":["cowsay"],"strip_pex_env":true,"venv":false,"venv_bin_path":"false","venv_copies":false,"venv_hermetic_scripts":true,"venv_site_packages_copies":false,"venv_system_site_packages":false})";

constexpr const char* kOrigin = "/tmp/some dir/app.pex";

// Parses `json` expecting a kBadPexInfo Error whose message names kOrigin;
// returns the message ("" and a failed check if it parsed).
std::string bad_pex_info(std::string_view json) {
  try {
    parse_pex_info(json, kOrigin);
  } catch (const Error& e) {
    std::string message = e.what();
    CHECK(e.status() == Status::kBadPexInfo);
    CHECK_MESSAGE(message.find(kOrigin) != std::string::npos, message);
    return message;
  }
  FAIL_CHECK("parse_pex_info accepted: " << json);
  return "";
}

TEST_CASE("pex_info: a real PEX-INFO") {
  PexInfo info = parse_pex_info(kCowsayPexInfo, kOrigin);
  CHECK(info.entry_point == "cowsay.__main__:cli");
  CHECK(info.script.empty());
  REQUIRE(info.requirements.size() == 1);
  CHECK(info.requirements[0] == "cowsay");
  REQUIRE(info.distributions.size() == 1);
  auto it = info.distributions.find("cowsay-6.1-py3-none-any.whl");
  REQUIRE(it != info.distributions.end());
  CHECK(it->second == "8e5c95eb3394ede6f0fe1849e103a21a930bcab4dde14fb38e4c0b55dcc720c8");
  CHECK(info.interpreter_constraints.empty());
  CHECK_FALSE(info.prefer_newest);
  CHECK(info.inherit_path == "false");
  CHECK(info.strip_pex_env);
  CHECK_FALSE(info.deps_are_wheel_files);
  CHECK(info.code_hash == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(info.pex_hash == "19462551180dbaa263b154ac4b6400f87e6069d6");
}

TEST_CASE("pex_info: defaults of an empty object") {
  PexInfo info = parse_pex_info("{}", kOrigin);
  CHECK(info.entry_point.empty());
  CHECK(info.script.empty());
  CHECK(info.requirements.empty());
  CHECK(info.distributions.empty());
  CHECK(info.interpreter_constraints.empty());
  CHECK_FALSE(info.prefer_newest);
  CHECK(info.inherit_path == "false");
  CHECK(info.strip_pex_env);
  CHECK_FALSE(info.deps_are_wheel_files);
  CHECK(info.code_hash.empty());
  CHECK(info.pex_hash.empty());
}

TEST_CASE("pex_info: fields pexrc acts on are read") {
  PexInfo info =
      parse_pex_info(R"({"script":"cowsay","requirements":["a>=1","b; python_version<'3.9'"],)"
                     R"("interpreter_constraints":["CPython>=3.8,<4","PyPy==3.10.*"],)"
                     R"("distributions":{"a-1-py3-none-any.whl":"h1","b-2-py3-none-any.whl":"h2"},)"
                     R"("interpreter_selection_strategy":"newest","inherit_path":"fallback",)"
                     R"("strip_pex_env":false,"deps_are_wheel_files":true})",
                     kOrigin);
  CHECK(info.entry_point.empty());
  CHECK(info.script == "cowsay");
  REQUIRE(info.requirements.size() == 2);
  CHECK(info.requirements[1] == "b; python_version<'3.9'");
  REQUIRE(info.interpreter_constraints.size() == 2);
  CHECK(info.interpreter_constraints[0] == "CPython>=3.8,<4");
  CHECK(info.interpreter_constraints[1] == "PyPy==3.10.*");
  CHECK(info.distributions.size() == 2);
  CHECK(info.distributions.at("b-2-py3-none-any.whl") == "h2");
  CHECK(info.prefer_newest);
  CHECK(info.inherit_path == "fallback");
  CHECK_FALSE(info.strip_pex_env);
  CHECK(info.deps_are_wheel_files);
}

TEST_CASE("pex_info: unknown keys are tolerated") {
  PexInfo info = parse_pex_info(
      R"({"entry_point":"m","some_future_key":{"nested":[1,2,{"x":null}]},"another":3.5})",
      kOrigin);
  CHECK(info.entry_point == "m");
}

TEST_CASE("pex_info: null values are treated as absent") {
  PexInfo info = parse_pex_info(
      R"({"entry_point":null,"script":null,"requirements":null,"distributions":null,)"
      R"("interpreter_constraints":null,"interpreter_selection_strategy":null,)"
      R"("inherit_path":null,"strip_pex_env":null,"deps_are_wheel_files":null,)"
      R"("code_hash":null,"pex_hash":null})",
      kOrigin);
  CHECK(info.entry_point.empty());
  CHECK(info.script.empty());
  CHECK(info.requirements.empty());
  CHECK(info.distributions.empty());
  CHECK_FALSE(info.prefer_newest);
  CHECK(info.inherit_path == "false");
  CHECK(info.strip_pex_env);
  CHECK_FALSE(info.deps_are_wheel_files);
  // A null entry_point next to a script is not "both set".
  CHECK(parse_pex_info(R"({"entry_point":null,"script":"s"})", kOrigin).script == "s");
}

TEST_CASE("pex_info: inherit_path booleans from old pex versions") {
  CHECK(parse_pex_info(R"({"inherit_path":true})", kOrigin).inherit_path == "prefer");
  CHECK(parse_pex_info(R"({"inherit_path":false})", kOrigin).inherit_path == "false");
  CHECK(parse_pex_info(R"({"inherit_path":"prefer"})", kOrigin).inherit_path == "prefer");
  CHECK(parse_pex_info(R"({"inherit_path":"false"})", kOrigin).inherit_path == "false");
}

TEST_CASE("pex_info: interpreter_selection_strategy") {
  CHECK(parse_pex_info(R"({"interpreter_selection_strategy":"newest"})", kOrigin).prefer_newest);
  CHECK_FALSE(
      parse_pex_info(R"({"interpreter_selection_strategy":"oldest"})", kOrigin).prefer_newest);
}

TEST_CASE("pex_info: malformed input is kBadPexInfo naming the origin") {
  SUBCASE("invalid JSON") {
    CHECK(bad_pex_info(R"({"entry_point":)").find("not valid JSON") != std::string::npos);
    bad_pex_info("");
    bad_pex_info(R"({"a":1,})");
    bad_pex_info(std::string(kCowsayPexInfo.substr(0, kCowsayPexInfo.size() - 1)));
  }
  SUBCASE("not an object") {
    CHECK(bad_pex_info(R"(["entry_point","m"])").find("not a JSON object") != std::string::npos);
    bad_pex_info("\"text\"");
    bad_pex_info("42");
    bad_pex_info("null");
  }
  SUBCASE("wrong types") {
    CHECK(bad_pex_info(R"({"entry_point":42})").find("entry_point") != std::string::npos);
    CHECK(bad_pex_info(R"({"distributions":["a.whl"]})").find("distributions") !=
          std::string::npos);
    CHECK(bad_pex_info(R"({"distributions":{"a.whl":1}})").find("distributions") !=
          std::string::npos);
    CHECK(bad_pex_info(R"({"requirements":["a",1]})").find("requirements") != std::string::npos);
    CHECK(bad_pex_info(R"({"requirements":"a"})").find("requirements") != std::string::npos);
    CHECK(bad_pex_info(R"({"interpreter_constraints":[null]})").find("interpreter_constraints") !=
          std::string::npos);
    CHECK(bad_pex_info(R"({"strip_pex_env":"true"})").find("strip_pex_env") != std::string::npos);
    CHECK(bad_pex_info(R"({"script":["s"]})").find("script") != std::string::npos);
    CHECK(bad_pex_info(R"({"inherit_path":1})").find("inherit_path") != std::string::npos);
  }
  SUBCASE("unknown strategy") {
    CHECK(bad_pex_info(R"({"interpreter_selection_strategy":"fastest"})")
              .find("interpreter_selection_strategy") != std::string::npos);
    bad_pex_info(R"({"interpreter_selection_strategy":"Newest"})");
    bad_pex_info(R"({"interpreter_selection_strategy":true})");
  }
  SUBCASE("unknown inherit_path") {
    CHECK(bad_pex_info(R"({"inherit_path":"always"})").find("inherit_path") != std::string::npos);
    bad_pex_info(R"({"inherit_path":""})");
  }
  SUBCASE("both entry_point and script") {
    CHECK(bad_pex_info(R"({"entry_point":"m:f","script":"s"})").find("both") != std::string::npos);
  }
}

}  // namespace
}  // namespace pexrc
