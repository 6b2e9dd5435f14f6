// Plays the clock-alignment load pattern (measure/trace/clock_alignment.hpp) on the CPU: every
// core spins through the busy chips and sleeps through the idle ones.
#pragma once

#include <cstdint>

#include "measure/trace/clock_alignment.hpp"

namespace synergy {

// Blocks for the pattern's 15 chips of chip_ns each; returns the busy spans as they ran.
LoadPattern play_load_pattern(int64_t chip_ns, unsigned threads);

}  // namespace synergy
