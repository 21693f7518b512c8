// The runtime's own cache tools, the same in `pexrc-inject cache ...` (build
// machines) and `PEXRC_TOOLS=1 ./app.pexrc cache ...` (wherever only the app
// is): `dir`, `info [--json]`, `prune [--older-than AGE]`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/cache/cache_root.h"

namespace pexrc {

/// `args` are the words after "cache"; `program` prefixes messages and help.
/// Returns the exit status; usage errors throw Error(kUsage).
int run_cache_command(const std::vector<std::string>& args, const std::string& program);

/// `t` (seconds since the epoch) as ISO 8601 UTC, "2026-12-02T04:40:11Z".
std::string utc_date(int64_t t);

/// "14d", "12h", "30m", "90s", "2w" (or plain seconds) in seconds; -1 if not one.
int64_t parse_age(const std::string& text);

/// The other way: 604800 gives "1w", 86400 "1d", 90 "90s".
std::string human_age(int64_t seconds);

}  // namespace pexrc
