// Durations with their unit in the value: "5s", "500ms", "250us", "100ns", "2m", "1.5s".
#pragma once

#include <cstdint>
#include <string>

namespace synergy {

// Throws synergy::Error (bad input) for a missing unit, a negative or malformed value.
int64_t parse_duration_ns(const std::string& text);

}  // namespace synergy
