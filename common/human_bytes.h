// Byte counts as people read them in messages.
#pragma once

#include <cstdint>
#include <string>

namespace pexrc {

/// "1.5 GiB", "300.0 MiB", "12.0 KiB" (binary units, one decimal).
std::string human_bytes(uint64_t bytes);

}  // namespace pexrc
