// The launcher stubs linked into pexrc-inject, one per supported target.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pexrc {

/// Target names accepted by --target, in a stable order.
std::vector<std::string> known_targets();

/// Bytes of the stub for `target`; throws Error(kUsage) for an unknown target.
std::string_view stub_for_target(const std::string& target);

/// The target of the machine pexrc-inject runs on.
std::string host_target();

}  // namespace pexrc
