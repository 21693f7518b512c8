// Reading a command line: the one shape pexrc-inject's flags, its info and
// verify commands and the cache command share, so that no parser counts the
// characters of an option's name by hand.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pexrc {

/// Whether `arg` is the option `name`, alone ("--jobs") or with its value
/// ("--jobs=4"), or its short spelling `short_name` alone ("-j").
bool is_option(std::string_view arg, std::string_view name, std::string_view short_name = {});

/// The value of the option is_option found at `args[i]`: what follows its first
/// '=', else the next argument, which it consumes by advancing `i`; nullopt, with
/// `i` unchanged, when there is no next argument.
std::optional<std::string> option_value(const std::vector<std::string>& args, size_t& i);

/// `text` if all of it is a decimal integer as strtol reads one (leading blanks
/// and a sign allowed; out-of-range values saturate); nullopt otherwise.
std::optional<long> parse_integer(const std::string& text);

/// The most worker threads --jobs, -j or the configuration's jobs may ask for.
inline constexpr long kMaxJobs = 1024;

/// A --jobs value: an integer from 1 to kMaxJobs; nullopt otherwise.
std::optional<unsigned> parse_jobs(const std::string& text);

}  // namespace pexrc
