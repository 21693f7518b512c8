// Fuzz helper: a property the code under test promises (a canonical spelling
// parses back to itself, comparisons are antisymmetric...). A broken one is
// reported like a crash, so libFuzzer keeps the input that broke it.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace pexrc::fuzz {

inline void check(bool ok, std::string_view what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz property failed: %.*s\n", int(what.size()), what.data());
  std::abort();
}

}  // namespace pexrc::fuzz
