// Screens a meter log before use: rows whose power lies outside [0, ceiling] are removed, and the
// log intervals that lost a row, or that are much longer than the log's usual spacing (the meter
// stopped logging), are marked so that no reading is interpolated across them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "measure/energy_source.hpp"
#include "measure/trace/trace_format.hpp"

namespace synergy {

struct IntervalFault {
  ReadFault fault = ReadFault::None;  // Implausible (a row removed) or Gap
  std::string why;
};

// The median time between consecutive rows; t holds two rows or more.
int64_t median_spacing(const std::vector<int64_t>& t);

// A gap: an interval longer than this many times the median spacing.
inline constexpr int64_t kTraceGapFactor = 10;

// Removes implausible rows from `data` (ceiling_w <= 0: only negative power) and returns, per
// remaining interval (t[i], t[i+1]), its fault. `origin` names the log in the reasons.
std::vector<IntervalFault> screen_trace(TraceData& data, double ceiling_w,
                                        const std::string& origin);

}  // namespace synergy
