// The external meter log format (CSV) read by the trace source.
//
//   # comment lines start with '#'; blank lines are skipped
//   time_s,power_w                      <- header: time column first, then one column per domain
//   0.000,4.21
//   0.001,4.25
//
// Time column: time_s | time_ms | time_us | time_ns, strictly increasing.
// Data columns: [domain:]power_w | power_mw | power_uw (power samples, integrated with the
// trapezoid rule: exact for power that is linear between samples) or [domain:]energy_j |
// energy_mj | energy_uj | energy_wh (a cumulative energy counter, linearly interpolated).
// The domain defaults to "meter". A trace's time plus the clock offset option must land on the
// monotonic clock (util/clock.hpp); Monsoon, PTDaemon and Energy Probe logs convert to this form
// by renaming their columns.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace synergy {

struct TraceColumn {
  std::string domain;
  bool is_power = true;  // false: cumulative energy
  double scale = 1;      // to watts or joules
  std::vector<double> values;
};

struct TraceData {
  std::vector<int64_t> t_ns;  // trace time, not yet offset
  std::vector<TraceColumn> columns;
};

// Throws synergy::Error (bad input) naming the line and what is wrong.
TraceData parse_trace(std::istream& in, const std::string& origin);

}  // namespace synergy
