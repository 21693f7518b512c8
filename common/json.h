// nlohmann/json as all of pexrc includes it: without its stream operators
// (JSON_NO_IO), so that no iostream reaches the static launcher. Include
// this, never <nlohmann/json.hpp> itself.
#pragma once

#define JSON_NO_IO 1
#include <nlohmann/json.hpp>
