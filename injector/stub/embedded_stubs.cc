#include "injector/stub/embedded_stubs.h"

#include "common/error.h"
#include "common/launcher_identity.h"

// Each launcher the build made is linked in as an object (embed_stub.sh);
// meson defines PEXRC_STUB_<TARGET> for those it embedded.
extern "C" {
#ifdef PEXRC_STUB_X86_64_LINUX
extern const char pexrc_stub_x86_64_linux_start[];
extern const char pexrc_stub_x86_64_linux_end[];
#endif
#ifdef PEXRC_STUB_AARCH64_LINUX
extern const char pexrc_stub_aarch64_linux_start[];
extern const char pexrc_stub_aarch64_linux_end[];
#endif
}

namespace pexrc {
namespace {

struct Stub {
  const char* target;
  const char* start;
  const char* end;
};

constexpr Stub kStubs[] = {
#ifdef PEXRC_STUB_X86_64_LINUX
    {"x86_64-linux", pexrc_stub_x86_64_linux_start, pexrc_stub_x86_64_linux_end},
#endif
#ifdef PEXRC_STUB_AARCH64_LINUX
    {"aarch64-linux", pexrc_stub_aarch64_linux_start, pexrc_stub_aarch64_linux_end},
#endif
};

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

}  // namespace pexrc
