// Byte counts as people read them in messages.
#pragma once

#include <cstdint>
#include <string>

namespace pexrc {

/// "512 B", "3.4 KiB", "12.0 MiB", "1.2 GiB" (binary units, one decimal).
std::string human_bytes(uint64_t bytes);

}  // namespace pexrc
