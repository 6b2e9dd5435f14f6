// Adds counters measured apart from the timed runs (GPU counters from CUPTI's replay passes) to
// a profile's per-layer counter columns, the same columns the CPU counters fill.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "profile/session.hpp"

namespace synergy {

// `layers[i]`: metric -> value per inference for layer i (absent: not measured there). Events
// are appended after those already present; every other cell reads NaN (not measured, never a
// zero). Layers fused into another keep NaN: their work is counted in the host layer.
// `unavailable`: event -> reason, listed as "event: reason" like the CPU counters. `provenance`
// says how the new events were counted.
void add_layer_counters(ProfileOutcome& outcome, const std::vector<std::string>& events,
                        const std::map<std::string, std::string>& unavailable,
                        const std::vector<std::map<std::string, double>>& layers,
                        const std::string& provenance);

}  // namespace synergy
