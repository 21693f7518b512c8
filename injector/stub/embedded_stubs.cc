#include "injector/stub/embedded_stubs.h"

#include "common/error.h"
#include "common/launcher_identity.h"
#include "embedded_stub_list.h"

// Each launcher the build made is linked in as an object (embed_stub.sh)
// exposing pexrc_stub_<target>_start/_end.
#define PEXRC_DECLARE_STUB(symbol, target)         \
  extern const char pexrc_stub_##symbol##_start[]; \
  extern const char pexrc_stub_##symbol##_end[];
extern "C" {
PEXRC_FOR_EACH_EMBEDDED_STUB(PEXRC_DECLARE_STUB)
}

namespace pexrc {
namespace {

struct Stub {
  const char* target;
  const char* start;
  const char* end;
};

#define PEXRC_STUB_ENTRY(symbol, target) \
  {target, pexrc_stub_##symbol##_start, pexrc_stub_##symbol##_end},
constexpr Stub kStubs[] = {PEXRC_FOR_EACH_EMBEDDED_STUB(PEXRC_STUB_ENTRY)};

}  // namespace

std::vector<std::string> known_targets() {
  std::vector<std::string> names;
  for (const Stub& s : kStubs) names.emplace_back(s.target);
  return names;
}

std::string_view stub_for_target(const std::string& target) {
  for (const Stub& s : kStubs)
    if (target == s.target) return std::string_view(s.start, size_t(s.end - s.start));
  fail(Status::kUsage, "no launcher for target '" + target + "' in this pexrc-inject");
}

std::string host_target() { return std::string(kBuildTarget); }

Launchers embedded_launchers() {
  Launchers launchers{known_targets(), host_target(), {}};
  for (const Stub& s : kStubs) launchers.stub_bytes.push_back(uint64_t(s.end - s.start));
  return launchers;
}

}  // namespace pexrc
