#include "runtime/cache/cache_command.h"

#include <doctest/doctest.h>

namespace pexrc {
namespace {

TEST_CASE("cache_command: ages") {
  CHECK(parse_age("0") == 0);
  CHECK(parse_age("90") == 90);
  CHECK(parse_age("90s") == 90);
  CHECK(parse_age("30m") == 1800);
  CHECK(parse_age("12h") == 12 * 3600);
  CHECK(parse_age("14d") == 14 * 86400);
  CHECK(parse_age("2w") == 14 * 86400);
  for (const char* bad : {"", "d", "-1d", "3x", "1dd", "1.5d", " 1d", "1234567890123d"}) {
    CAPTURE(bad);
    CHECK(parse_age(bad) == -1);
  }
}

TEST_CASE("cache_command: UTC dates, leap years and the epoch") {
  CHECK(utc_date(0) == "1970-01-01T00:00:00Z");
  CHECK(utc_date(951782400) == "2000-02-29T00:00:00Z");
  CHECK(utc_date(1796185211) == "2026-12-02T04:20:11Z");
  CHECK(utc_date(4107542399) == "2100-02-28T23:59:59Z");
  CHECK(utc_date(-1) == "1969-12-31T23:59:59Z");
}

TEST_CASE("cache_command: ages written back") {
  CHECK(human_age(604800) == "1w");
  CHECK(human_age(86400) == "1d");
  CHECK(human_age(3600) == "1h");
  CHECK(human_age(90) == "90s");
  CHECK(human_age(0) == "0s");
}

}  // namespace
}  // namespace pexrc
