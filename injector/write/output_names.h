// Where each target's .pexrc goes: APP.pexrc for one target, APP.<target>.pexrc
// for several, or -o OUT with "{target}" replaced by the target's name.
#pragma once

#include <string>
#include <vector>

namespace pexrc {

/// One path per target, in the targets' order. Throws Error(kUsage) when `output` names one
/// file for several targets, when two targets would share a path, or when a path is the input.
std::vector<std::string> output_paths(const std::string& input, const std::string& output,
                                      const std::vector<std::string>& targets);

}  // namespace pexrc
