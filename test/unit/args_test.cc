#include "common/args.h"

#include <doctest/doctest.h>

namespace pexrc {
namespace {

TEST_CASE("args: is_option matches the name alone or with =, the short name alone") {
  CHECK(is_option("--jobs", "--jobs", "-j"));
  CHECK(is_option("--jobs=4", "--jobs", "-j"));
  CHECK(is_option("--jobs=", "--jobs"));
  CHECK(is_option("-j", "--jobs", "-j"));
  CHECK_FALSE(is_option("-j4", "--jobs", "-j"));
  CHECK_FALSE(is_option("-j=4", "--jobs", "-j"));
  CHECK_FALSE(is_option("--jobsx", "--jobs", "-j"));
  CHECK_FALSE(is_option("--job", "--jobs", "-j"));
  CHECK_FALSE(is_option("", "--jobs"));
}

TEST_CASE("args: option_value takes what follows '=', else the next argument") {
  std::vector<std::string> args = {"--older-than=3d", "--older-than", "2h", "--target"};
  size_t i = 0;
  CHECK(option_value(args, i) == "3d");
  CHECK(i == 0);
  i = 1;
  CHECK(option_value(args, i) == "2h");
  CHECK(i == 2);
  i = 3;
  CHECK_FALSE(option_value(args, i).has_value());
  CHECK(i == 3);
  args = {"--target=a=b"};
  i = 0;
  CHECK(option_value(args, i) == "a=b");
}

TEST_CASE("args: parse_integer reads what strtol reads, all of it") {
  CHECK(parse_integer("12") == 12);
  CHECK(parse_integer(" +12") == 12);
  CHECK(parse_integer("-3") == -3);
  CHECK_FALSE(parse_integer("").has_value());
  CHECK_FALSE(parse_integer("12 ").has_value());
  CHECK_FALSE(parse_integer("4x").has_value());
}

TEST_CASE("args: parse_jobs takes 1 to kMaxJobs") {
  CHECK(parse_jobs("1") == 1u);
  CHECK(parse_jobs("1024") == unsigned(kMaxJobs));
  CHECK_FALSE(parse_jobs("0").has_value());
  CHECK_FALSE(parse_jobs("1025").has_value());
  CHECK_FALSE(parse_jobs("99999999999999999999").has_value());
  CHECK_FALSE(parse_jobs("two").has_value());
}

}  // namespace
}  // namespace pexrc
