#include "common/project_name.h"

#include <doctest/doctest.h>

namespace pexrc {
namespace {

// PEP 503 "Normalized Names": re.sub(r"[-_.]+", "-", name).lower().
TEST_CASE("project_name: lower-cases and folds separator runs") {
  CHECK(normalize_project_name("requests") == "requests");
  CHECK(normalize_project_name("Django") == "django");
  CHECK(normalize_project_name("A.B-C_D") == "a-b-c-d");
  CHECK(normalize_project_name("zope.interface") == "zope-interface");
  CHECK(normalize_project_name("Foo__Bar") == "foo-bar");
  CHECK(normalize_project_name("foo-_.-bar") == "foo-bar");
  CHECK(normalize_project_name("typing_extensions") == "typing-extensions");
  CHECK(normalize_project_name("PyYAML") == "pyyaml");
  CHECK(normalize_project_name("x") == "x");
  CHECK(normalize_project_name("") == "");
}

TEST_CASE("project_name: separators at the ends and digits are kept") {
  CHECK(normalize_project_name("_private") == "-private");
  CHECK(normalize_project_name("name.") == "name-");
  CHECK(normalize_project_name("--") == "-");
  CHECK(normalize_project_name("Py3K_2.0") == "py3k-2-0");
}

TEST_CASE("project_name: normalising is idempotent and only touches ASCII") {
  for (const char* name : {"A.B-C_D", "Foo__Bar", "--x--", "ZZ"}) {
    std::string once = normalize_project_name(name);
    CHECK(normalize_project_name(once) == once);
  }
  CHECK(normalize_project_name("caf\xc3\x89") == "caf\xc3\x89");
}

}  // namespace
}  // namespace pexrc
