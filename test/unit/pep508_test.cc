#include "common/pep508.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/error.h"

namespace pexrc {
namespace {

using Strings = std::vector<std::string>;

// CPython 3.11.4 on x86_64 Linux, as the interpreter probe reports it.
MarkerEnvironment linux_env() {
  return {
      {"implementation_name", "cpython"},
      {"implementation_version", "3.11.4"},
      {"os_name", "posix"},
      {"platform_machine", "x86_64"},
      {"platform_python_implementation", "CPython"},
      {"platform_release", "5.15.0-91-generic"},
      {"platform_system", "Linux"},
      {"platform_version", "#1 SMP PREEMPT_DYNAMIC"},
      {"python_full_version", "3.11.4"},
      {"python_version", "3.11"},
      {"sys_platform", "linux"},
      {"extra", ""},
  };
}

bool eval(std::string_view marker, const MarkerEnvironment& env = linux_env()) {
  return Marker::parse(marker).evaluate(env);
}

bool eval_extra(std::string_view marker, std::string extra) {
  MarkerEnvironment env = linux_env();
  env["extra"] = std::move(extra);
  return eval(marker, env);
}

// The message of the Error that parse_requirement throws, which must be kBadPexInfo.
std::string requirement_error(std::string_view text) {
  try {
    parse_requirement(text);
  } catch (const Error& e) {
    CHECK(e.status() == Status::kBadPexInfo);
    return e.what();
  }
  return "<parsed>";
}

std::string marker_error(std::string_view text) {
  try {
    Marker::parse(text);
  } catch (const Error& e) {
    CHECK(e.status() == Status::kBadPexInfo);
    return e.what();
  }
  return "<parsed>";
}

// ---- Requirements: the examples of PEP 508 "Examples" and "Test Cases" --------------------

TEST_CASE("pep508: bare names") {
  for (const char* text : {"A", "aa", "name", "A.B-C_D", "a1", "1a", "zope.interface"}) {
    Requirement r = parse_requirement(text);
    CHECK(r.name == text);
    CHECK(r.text == text);
    CHECK(r.extras.empty());
    CHECK(r.specifiers.empty());
    CHECK(!r.marker);
    CHECK(r.url.empty());
  }
  CHECK(parse_requirement("A.B-C_D").key == "a-b-c-d");
  CHECK(parse_requirement("Zope.Interface").key == "zope-interface");
}

TEST_CASE("pep508: version specifiers") {
  Requirement r = parse_requirement("name<=1");
  CHECK(r.name == "name");
  CHECK(r.specifiers.str() == "<=1");

  r = parse_requirement("name>=3,<2");
  CHECK(r.specifiers.str() == ">=3,<2");
  CHECK(!r.specifiers.contains(*parse_version("3")));

  r = parse_requirement("name (>=1.0, <2)");
  CHECK(r.name == "name");
  CHECK(r.specifiers.str() == ">=1.0,<2");
  CHECK(r.specifiers.contains(*parse_version("1.5")));
  CHECK(!r.specifiers.contains(*parse_version("2.0")));

  r = parse_requirement("name(==1.0);os_name=='nt'");
  CHECK(r.specifiers.str() == "==1.0");
  REQUIRE(r.marker);
  CHECK(r.marker->str() == "os_name == \"nt\"");

  r = parse_requirement("name~=1.4.2");
  CHECK(r.specifiers.str() == "~=1.4.2");
  r = parse_requirement("name===1.0-weird");
  CHECK(r.specifiers.str() == "===1.0-weird");
  r = parse_requirement("name!=1.0.*,>=0.9");
  CHECK(r.specifiers.str() == "!=1.0.*,>=0.9");

  // `packaging` accepts a trailing comma and empty parentheses; so does pexrc.
  CHECK(parse_requirement("name==1.0,").specifiers.str() == "==1.0");
  CHECK(parse_requirement("name >=1.0 , ; os_name == 'nt'").specifiers.str() == ">=1.0");
  CHECK(parse_requirement("name ( )").specifiers.empty());
  CHECK(parse_requirement("name(>=1,)").specifiers.str() == ">=1");
}

TEST_CASE("pep508: the requests example with spaces everywhere") {
  Requirement r =
      parse_requirement("requests [security,tests] >= 2.8.1, == 2.8.* ; python_version < \"2.7\"");
  CHECK(r.name == "requests");
  CHECK(r.key == "requests");
  CHECK(r.extras == Strings{"security", "tests"});
  CHECK(r.specifiers.str() == ">=2.8.1,==2.8.*");
  CHECK(r.specifiers.contains(*parse_version("2.8.5")));
  CHECK(!r.specifiers.contains(*parse_version("2.9.0")));
  CHECK(r.url.empty());
  REQUIRE(r.marker);
  CHECK(r.marker->str() == "python_version < \"2.7\"");
  CHECK(!r.marker->evaluate(linux_env()));
  MarkerEnvironment py26 = linux_env();
  py26["python_version"] = "2.6";
  CHECK(r.marker->evaluate(py26));
}

TEST_CASE("pep508: extras and a marker without spaces") {
  Requirement r =
      parse_requirement("name[quux, strange];python_version<'2.7' and platform_version=='2'");
  CHECK(r.name == "name");
  CHECK(r.extras == Strings{"quux", "strange"});
  CHECK(r.specifiers.empty());
  REQUIRE(r.marker);
  CHECK(r.marker->str() == "python_version < \"2.7\" and platform_version == \"2\"");
  MarkerEnvironment env = linux_env();
  env["python_version"] = "2.6";
  CHECK(!r.marker->evaluate(env));
  env.insert_or_assign("platform_version", std::string("2"));
  CHECK(r.marker->evaluate(env));
}

TEST_CASE("pep508: extras are normalised, deduplicated and may be empty") {
  CHECK(parse_requirement("pkg[Foo_Bar, foo-bar,BAZ.qux]").extras == Strings{"foo-bar", "baz-qux"});
  CHECK(parse_requirement("pkg[]").extras.empty());
  CHECK(parse_requirement("pkg[ ]").extras.empty());
  CHECK(parse_requirement("pkg [ a ]").extras == Strings{"a"});
}

TEST_CASE("pep508: URL requirements") {
  Requirement r = parse_requirement("name@http://foo.com");
  CHECK(r.name == "name");
  CHECK(r.url == "http://foo.com");
  CHECK(r.specifiers.empty());
  CHECK(!r.marker);

  r = parse_requirement("name [fred,bar] @ http://foo.com ; python_version=='2.7'");
  CHECK(r.extras == Strings{"fred", "bar"});
  CHECK(r.url == "http://foo.com");
  REQUIRE(r.marker);
  CHECK(r.marker->str() == "python_version == \"2.7\"");

  r = parse_requirement(
      "pip @ "
      "https://github.com/pypa/pip/archive/"
      "1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686");
  CHECK(r.url ==
        "https://github.com/pypa/pip/archive/"
        "1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686");

  r = parse_requirement("local @ file:///tmp/local-1.0-py3-none-any.whl\t;\tos_name == 'posix'");
  CHECK(r.url == "file:///tmp/local-1.0-py3-none-any.whl");
  REQUIRE(r.marker);

  // Without whitespace the ';' belongs to the URL (PEP 508 "Complete Grammar": url_req).
  r = parse_requirement("name@http://foo.com;python_version<'3'");
  CHECK(r.url == "http://foo.com;python_version<'3'");
  CHECK(!r.marker);
}

TEST_CASE("pep508: whitespace is tolerated between every part") {
  Requirement r =
      parse_requirement(" \t name  [ a ,b ]  (  >=  1.0 ,  < 2 )  ;  os_name == 'posix' \t");
  CHECK(r.name == "name");
  CHECK(r.text == "name  [ a ,b ]  (  >=  1.0 ,  < 2 )  ;  os_name == 'posix'");
  CHECK(r.extras == Strings{"a", "b"});
  CHECK(r.specifiers.str() == ">=1.0,<2");
  REQUIRE(r.marker);
  CHECK(r.marker->evaluate(linux_env()));

  r = parse_requirement("name ; os_name == 'nt'");
  CHECK(r.specifiers.empty());
  REQUIRE(r.marker);
  CHECK(!r.marker->evaluate(linux_env()));
}

TEST_CASE("pep508: malformed requirements") {
  CHECK(requirement_error("") == "invalid requirement '': it is empty");
  CHECK(requirement_error("  ") == "invalid requirement '': it is empty");
  CHECK(requirement_error("name>=") ==
        "invalid requirement 'name>=': expected a version after '>=' at end of input");
  CHECK(requirement_error("foo-") ==
        "invalid requirement 'foo-': a project name must end with a letter or digit");
  CHECK(requirement_error("name; foo == 'x'") ==
        "invalid requirement 'name; foo == 'x'': in its marker: unknown marker variable 'foo'");
  for (const char* text : {
           "-foo",                        // names start with a letter or digit
           "foo-",                        // ... and end with one
           "foo bar",                     // two names
           "name[",                       // unterminated extras
           "name[a",                      //
           "name[a,]",                    // an empty extra
           "name[a b]",                   // extras need commas
           "name[-a]",                    //
           "name>=1.0 extra",             // junk after the specifiers
           "name ==1.0 ==",               // a dangling operator
           "name==1.0,,<2",               // an empty clause
           "name,",                       //
           "name , ==1.0",                //
           "name (>=1.0",                 // unclosed parenthesis
           "name >=1.0)",                 //
           "name=>1.0",                   // not an operator
           "name>=1.0+local",             // local versions only with == and !=
           "name~=1",                     // ~= needs two release segments
           "name==1.0.*.post1",           // wildcard on a post-release
           "name==abc",                   // not a version
           "name>=1.0;",                  // an empty marker
           "name @",                      // an empty URL
           "name @ http://x junk",        // junk after the URL
           "name @ http://x ;",           //
           "name>=1.0 @ http://x",        // both a version and a URL
           "name; python_version",        // incomplete comparisons
           "name; python_version ==",     //
           "name; python_version == '3",  // unterminated string
           "name; (python_version=='3'",  // unclosed parenthesis
           "name; python_version=='3' and",
           "name; python_version notin '3'",
       }) {
    CAPTURE(text);
    std::string message = requirement_error(text);
    CHECK(message.rfind("invalid requirement '", 0) == 0);
  }
}

// ---- Markers ------------------------------------------------------------------------------

TEST_CASE("pep508: and binds tighter than or") {
  // sys_platform is "linux", os_name is not "nt", python_version is not < "3".
  CHECK(eval("sys_platform == 'linux' or os_name == 'nt' and python_version < '3'"));
  CHECK(!eval("(sys_platform == 'linux' or os_name == 'nt') and python_version < '3'"));
  CHECK(eval("os_name == 'nt' and python_version < '3' or sys_platform == 'linux'"));
  CHECK(!eval("os_name == 'nt' and (python_version < '3' or sys_platform == 'linux')"));
  CHECK(eval("os_name == 'nt' or os_name == 'posix' and (sys_platform == 'linux')"));
  CHECK(eval("((os_name == 'posix'))"));
  CHECK(eval("os_name=='posix'and sys_platform=='linux'"));
  CHECK(!eval("os_name == 'posix' and sys_platform == 'linux' and python_version < '3'"));
  CHECK(eval("os_name == 'a' or os_name == 'b' or os_name == 'posix'"));
}

TEST_CASE("pep508: canonical spelling keeps the structure") {
  CHECK(Marker::parse("os_name=='a' or os_name=='b' and os_name=='c'").str() ==
        "os_name == \"a\" or os_name == \"b\" and os_name == \"c\"");
  CHECK(Marker::parse("(os_name=='a' or os_name=='b') and os.name=='c'").str() ==
        "(os_name == \"a\" or os_name == \"b\") and os_name == \"c\"");
  CHECK(Marker::parse("os_name=='a' and (os_name=='b' or os_name=='c')").str() ==
        "os_name == \"a\" and (os_name == \"b\" or os_name == \"c\")");
  CHECK(Marker::parse("'3.8' in python_version").str() == "\"3.8\" in python_version");
  CHECK(Marker::parse("platform_version not  in 'a\"b'").str() == "platform_version not in 'a\"b'");
  CHECK(Marker::parse("python_implementation=='PyPy'").str() ==
        "platform_python_implementation == \"PyPy\"");
}

// Found while writing test/fuzz/pep508_fuzz.cc (ASan reports a stack overflow on such an
// input): evaluate and str recursed once per clause of an and/or chain, which overflowed
// the stack on a few megabytes of marker.
TEST_CASE("pep508: chains of many thousand clauses evaluate and print without deep recursion") {
  constexpr int kClauses = 200000;
  auto chain = [](const std::string& clause, const std::string& op, const std::string& last) {
    std::string text;
    for (int i = 0; i < kClauses; ++i) text += clause + op;
    return text + last;
  };
  std::string all_true = chain("os_name == 'posix'", " and ", "sys_platform == 'linux'");
  Marker m = Marker::parse(all_true);
  CHECK(m.evaluate(linux_env()));
  std::string canonical = all_true;
  std::replace(canonical.begin(), canonical.end(), '\'', '"');
  CHECK(m.str() == canonical);
  CHECK(!eval(chain("os_name == 'posix'", " and ", "os_name == 'nt'")));
  CHECK(eval(chain("os_name == 'nt'", " or ", "os_name == 'posix'")));
  CHECK(!eval(chain("os_name == 'nt'", " or ", "os_name == 'x'")));
  // Mixed, with a parenthesised chain on the right: the spelling survives a round trip.
  std::string mixed =
      chain("os_name == \"nt\"", " or ", "(os_name == \"a\" or os_name == \"posix\")") + " and " +
      chain("os_name == \"posix\"", " and ", "os_name == \"posix\"");
  Marker mm = Marker::parse(mixed);
  CHECK(mm.str() == mixed);
  CHECK(mm.evaluate(linux_env()));
}

TEST_CASE("pep508: versions compare as versions, not strings") {
  // "3.11" > "3.10" is false as strings but true as versions.
  CHECK(eval("python_version > \"3.10\""));
  CHECK(eval("python_version > '3.9'"));
  CHECK(!eval("python_version < '3.9'"));
  CHECK(eval("python_version == '3.11.0'"));  // trailing zeros do not matter
  CHECK(eval("python_version <= '3.11.0'"));
  CHECK(!eval("python_version != '3.11'"));
  CHECK(eval("python_version == '3.11.*'"));
  CHECK(!eval("python_version == '3.1.*'"));
  CHECK(eval("python_version ~= '3.10'"));
  CHECK(eval("python_full_version ~= '3.11.0'"));
  CHECK(!eval("python_full_version ~= '3.10.0'"));
  CHECK(eval("python_full_version >= '3.11.4'"));
  CHECK(eval("'3.10' < python_version"));  // the variable may come second
  CHECK(!eval("'3.12' <= python_version"));
  CHECK(eval("python_version > '3.10.post1'"));
  CHECK(eval("python_version > '3.9.0a1'"));
}

TEST_CASE("pep508: pre-release interpreters") {
  MarkerEnvironment env = linux_env();
  env["python_full_version"] = "3.12.0rc1";
  env["python_version"] = "3.12";
  CHECK(eval("python_full_version > '3.11'", env));
  CHECK(eval("python_full_version >= '3.12.0rc1'", env));
  CHECK(eval("python_full_version == '3.12.*'", env));
  // "<3.12" and ">=3.12" both leave out 3.12's pre-releases (PEP 440 ordered comparison).
  CHECK(!eval("python_full_version < '3.12'", env));
  CHECK(!eval("python_full_version >= '3.12'", env));
}

TEST_CASE("pep508: strings that are not versions compare as strings") {
  CHECK(eval("platform_release == '5.15.0-91-generic'"));
  CHECK(!eval("platform_release == '5.15.0'"));
  CHECK(eval("platform_release != '5.15.0'"));
  CHECK(eval("platform_release < 'abc'"));
  CHECK(eval("platform_release >= '5.0'"));   // byte order: '1' > '0'
  CHECK(!eval("platform_release >= '6.0'"));  // byte order: '5' < '6'
  CHECK(!eval("platform_release ~= '5.0'"));  // ~= is only defined for versions
  CHECK(eval("platform_machine < 'y'"));
  CHECK(!eval("platform_system == 'linux'"));  // case matters
  CHECK(eval("platform_system == 'Linux'"));
  CHECK(eval("platform_version == '#1 SMP PREEMPT_DYNAMIC'"));
  MarkerEnvironment mac = linux_env();
  mac["platform_release"] = "23.1.0";
  CHECK(eval("platform_release >= '22'", mac));  // versions: 23.1.0 >= 22
  CHECK(eval("platform_release >= '3'", mac));   // as strings "23.1.0" < "3"
}

TEST_CASE("pep508: arbitrary equality is string equality") {
  CHECK(eval("python_version === '3.11'"));
  CHECK(!eval("python_version === '3.11.0'"));
  CHECK(eval("platform_release === '5.15.0-91-generic'"));
}

TEST_CASE("pep508: in and not in test for substrings") {
  CHECK(eval("'generic' in platform_release"));
  CHECK(eval("'azure' not in platform_release"));
  CHECK(eval("sys_platform in 'linux2 darwin'"));  // "linux" is in "linux2"
  CHECK(eval("'linux' in sys_platform"));
  CHECK(!eval("'win' in sys_platform"));
  CHECK(eval("sys_platform not in 'win32 cygwin'"));
  CHECK(!eval("sys_platform not in 'linux'"));
  CHECK(eval("platform_machine in 'x86_64 aarch64'"));
  CHECK(
      eval("implementation_name == 'cpython' and platform_system == 'Linux' and "
           "platform_machine in 'x86_64 aarch64'"));
  // "in" is not a version operator even when both sides are versions.
  CHECK(eval("'3.1' in python_version"));
  CHECK(!eval("'3.11.0' in python_version"));
}

TEST_CASE("pep508: extras compare normalised") {
  CHECK(eval_extra("extra == \"Test_Thing\"", "test-thing"));
  CHECK(eval_extra("extra == 'Test_Thing'", "Test.Thing"));
  CHECK(eval_extra("'test-thing' == extra", "TEST__THING"));
  CHECK(!eval_extra("extra == 'Test_Thing'", "test-things"));
  CHECK(!eval_extra("extra == 'Test_Thing'", ""));
  CHECK(!eval_extra("extra != 'test_thing'", "test-thing"));
  CHECK(eval_extra("extra != 'test_thing'", ""));
  CHECK(eval_extra("extra == 'socks' or python_version < '3'", "socks"));
  CHECK(!eval_extra("extra == 'socks' and python_version < '3'", "socks"));
  // An environment without "extra" evaluates as if no extra were requested.
  MarkerEnvironment env = linux_env();
  env.erase("extra");
  CHECK(!eval("extra == 'socks'", env));
  CHECK(eval("extra == ''", env));
}

TEST_CASE("pep508: legacy variable names read the PEP 508 variables") {
  CHECK(eval("os.name == 'posix'"));
  CHECK(eval("sys.platform == 'linux'"));
  CHECK(eval("platform.machine == 'x86_64'"));
  CHECK(eval("platform.python_implementation == 'CPython'"));
  CHECK(eval("platform.version != ''"));
  CHECK(!eval("python_implementation == 'PyPy'"));
  MarkerEnvironment pypy = linux_env();
  pypy["platform_python_implementation"] = "PyPy";
  CHECK(eval("python_implementation == 'PyPy'", pypy));
}

TEST_CASE("pep508: quoting") {
  CHECK(eval("os_name == \"posix\""));
  CHECK(eval("os_name == 'posix'"));
  MarkerEnvironment env = linux_env();
  env["platform_version"] = "say \"hi\" or 'bye'";
  CHECK(eval("'\"hi\"' in platform_version", env));
  CHECK(eval("\"'bye'\" in platform_version", env));
  CHECK(eval("os_name == ' posix' or os_name == 'posix'"));
  CHECK(!eval("os_name == ' posix'"));
}

TEST_CASE("pep508: every marker variable is known") {
  MarkerEnvironment env = linux_env();
  for (const auto& entry : env) {
    const std::string& name = entry.first;
    CAPTURE(name);
    std::string equal = name;
    equal += " == '";
    equal += entry.second;
    equal += '\'';
    std::string unequal = equal;
    unequal.replace(name.size(), 4, " != ");
    CHECK(eval(equal, env));
    CHECK(!eval(unequal, env));
  }
}

TEST_CASE("pep508: malformed markers") {
  CHECK(marker_error("python_version = '3'") ==
        "invalid marker 'python_version = '3'': expected a marker operator at '= '3''");
  CHECK(marker_error("foo == 'x'") == "invalid marker 'foo == 'x'': unknown marker variable 'foo'");
  CHECK(marker_error("platform.release == 'x'") ==
        "invalid marker 'platform.release == 'x'': unknown marker variable 'platform.release'");
  CHECK(marker_error("'a' == 'b'") ==
        "invalid marker ''a' == 'b'': a comparison needs one marker variable and one quoted "
        "string, got string 'a' and string 'b'");
  for (const char* text : {
           "",
           "   ",
           "python_version",
           "python_version <",
           "python_version < 3.8",  // values must be quoted
           "python_version < '3.8",
           "python_version == os_name",
           "python_versions == '3'",
           "Python_version == '3'",
           "python_version == '3' and",
           "python_version == '3' or or os_name == 'nt'",
           "python_version == '3' xor os_name == 'nt'",
           "python_version == '3' andos_name == 'nt'",
           "(python_version == '3'",
           "python_version == '3')",
           "()",
           "python_version not '3'",
           "python_version notin '3'",
           "python_version is '3'",
           "python_version <> '3'",
           "python_version == '3' ; os_name == 'nt'",
       }) {
    CAPTURE(text);
    CHECK(marker_error(text).rfind("invalid marker '", 0) == 0);
  }
  std::string deep(200, '(');
  deep += "os_name == 'nt'" + std::string(200, ')');
  CHECK(marker_error(deep).find("nested too deeply") != std::string::npos);
  std::string ok(20, '(');
  ok += "os_name == 'posix'" + std::string(20, ')');
  CHECK(eval(ok));
}

TEST_CASE("pep508: a variable missing from the environment is an internal error") {
  MarkerEnvironment env = linux_env();
  env.erase("platform_release");
  Marker m = Marker::parse("platform_release == '1'");
  CHECK_THROWS_AS(m.evaluate(env), Error);
  try {
    m.evaluate(env);
  } catch (const Error& e) {
    CHECK(e.status() == Status::kInternal);
  }
  // Short-circuiting: the missing variable is never looked at.
  CHECK(eval("os_name == 'posix' or platform_release == '1'", env));
}

}  // namespace
}  // namespace pexrc
