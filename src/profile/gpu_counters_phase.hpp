// The GPU-counter phase of a profile (`synergy profile --gpu-counters`): per-layer GPU counters
// from CUPTI's range profiler, added to the profile's per-layer counter columns.
#pragma once

#include <cstdint>
#include <string>

#include "measure/gpu_counters/gpu_presets.hpp"

namespace synergy {

class Engine;
struct ProfileOutcome;

// The metrics of a preset list ("" = "default"), checked before anything runs. Throws bad_input
// for a backend other than cudnn or an unknown preset.
GpuMetricRequest gpu_counter_request(const std::string& presets, const std::string& backend);

// Runs the inference as many times as CUPTI's replay needs and adds the counters to `outcome`.
// Returns the provenance, or "" when the counters are unavailable (said on stderr and in the
// outcome's warnings; the columns are then absent, never zero).
std::string add_gpu_counters(Engine& engine, const GpuMetricRequest& request, uint64_t seed,
                             ProfileOutcome& outcome);

}  // namespace synergy
