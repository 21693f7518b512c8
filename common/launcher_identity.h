// How a launcher names itself: "pexrc-launcher <version> <target>". The launcher
// prints it (PEXRC_TOOLS=1 ./app.pexrc version), which also keeps the string
// in its bytes, where `pexrc-inject info` finds it in any .pexrc.
#pragma once

#include <string_view>

namespace pexrc {

#if defined(__aarch64__)
#define PEXRC_BUILD_TARGET "aarch64-linux"
#else
#define PEXRC_BUILD_TARGET "x86_64-linux"
#endif

constexpr std::string_view kLauncherIdentityPrefix = "pexrc-launcher ";
constexpr const char kLauncherIdentity[] = "pexrc-launcher " PEXRC_VERSION " " PEXRC_BUILD_TARGET;

/// The target the code being compiled runs on.
constexpr std::string_view kBuildTarget = PEXRC_BUILD_TARGET;

}  // namespace pexrc
