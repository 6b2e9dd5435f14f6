// Sensor readings of the measurement layer as the profiler's per-domain trace.
#pragma once

#include <vector>

#include "measure/energy_source.hpp"
#include "profile/sensor_trace.hpp"

namespace synergy {

// The readings of one domain (invalid reads dropped), labelled with the source's facts. A sample
// breaks the trace where the source says its count restarted, and, for integrated power, after a
// dropped reading (the power in between is unknown; a counter's total stays exact across one).
SensorTrace trace_of(const EnergySource& source, size_t domain,
                     const std::vector<EnergyReading>& readings);

// The update intervals inside [from, to] of readings, for whole-network and idle windows: those
// between edges located to a tenth of a period, or, where late polls left those covering less
// than half the window, between every edge, if its two ends are then off by 1 % at most.
EdgeWindow window_of(const SensorTrace& trace, int64_t from_ns, int64_t to_ns);

}  // namespace synergy
