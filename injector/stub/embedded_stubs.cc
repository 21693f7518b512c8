#include "injector/stub/embedded_stubs.h"

#include "common/error.h"

extern "C" {
extern const char pexrc_stub_x86_64_linux_start[];
extern const char pexrc_stub_x86_64_linux_end[];
}

namespace pexrc {
namespace {

struct Stub {
  const char* target;
  const char* start;
  const char* end;
};

// aarch64-linux joins this table once its cross-built stub exists.
constexpr Stub kStubs[] = {
    {"x86_64-linux", pexrc_stub_x86_64_linux_start, pexrc_stub_x86_64_linux_end},
};

}  // namespace

std::vector<std::string> known_targets() {
  std::vector<std::string> names;
  for (const Stub& s : kStubs) names.emplace_back(s.target);
  return names;
}

std::string_view stub_for_target(const std::string& target) {
  std::string known;
  for (const Stub& s : kStubs) {
    if (target == s.target) return std::string_view(s.start, size_t(s.end - s.start));
    known += known.empty() ? "" : ", ";
    known += s.target;
  }
  fail(Status::kUsage, "unknown --target '" + target + "' (known: " + known + ")");
}

std::string host_target() { return "x86_64-linux"; }

}  // namespace pexrc
