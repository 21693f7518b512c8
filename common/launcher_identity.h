// How a launcher names itself: "pexrc-launcher <version> <target>". The launcher
// prints it (PEXRC_TOOLS=1 ./app.pexrc version), which also keeps the string
// in its bytes, where `pexrc-inject info` finds it in any .pexrc.
#pragma once

#include <string_view>

namespace pexrc {

#if defined(__x86_64__)
#define PEXRC_BUILD_TARGET "x86_64-linux"
#elif defined(__aarch64__)
#define PEXRC_BUILD_TARGET "aarch64-linux"
#elif defined(__arm__) && defined(__ARM_PCS_VFP)
#define PEXRC_BUILD_TARGET "armv7-linux"
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
#define PEXRC_BUILD_TARGET "powerpc64le-linux"
#elif defined(__s390x__)
#define PEXRC_BUILD_TARGET "s390x-linux"
#elif defined(__riscv) && __riscv_xlen == 64
#define PEXRC_BUILD_TARGET "riscv64-linux"
#else
#error "a CPU pexrc has no target name for (common/launcher_identity.h, launcher/cross/)"
#endif

constexpr std::string_view kLauncherIdentityPrefix = "pexrc-launcher ";
constexpr const char kLauncherIdentity[] = "pexrc-launcher " PEXRC_VERSION " " PEXRC_BUILD_TARGET;

/// The target the code being compiled runs on.
constexpr std::string_view kBuildTarget = PEXRC_BUILD_TARGET;

}  // namespace pexrc
