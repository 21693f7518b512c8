// The launcher stubs linked into pexrc-inject, one per supported target.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "injector/stub/targets.h"

namespace pexrc {

/// Canonical names of the embedded launchers, in a stable order.
std::vector<std::string> known_targets();

/// Bytes of the stub for a canonical `target`; throws Error(kUsage) if it is not embedded.
std::string_view stub_for_target(const std::string& target);

/// The target of the machine pexrc-inject runs on.
std::string host_target();

/// known_targets(), host_target() and each stub's size, for the target choices.
Launchers embedded_launchers();

}  // namespace pexrc
