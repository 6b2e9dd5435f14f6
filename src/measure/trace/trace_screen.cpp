#include "measure/trace/trace_screen.hpp"

#include <algorithm>
#include <cstdio>

#include "util/text.hpp"

namespace synergy {

namespace {

std::string seconds(int64_t t_ns) {
  return format_number("%.3f s", static_cast<double>(t_ns) * 1e-9);
}

// The first implausible power of a row, or "" when the row is fine.
std::string implausible(const TraceData& d, size_t row, double ceiling_w) {
  for (const TraceColumn& c : d.columns) {
    if (!c.is_power) continue;
    const double p = c.values[row];
    if (p < 0.0 || (ceiling_w > 0.0 && p > ceiling_w)) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "power %.6g W at %s outside [0, %.6g] W", p,
                    seconds(d.t_ns[row]).c_str(), ceiling_w);
      return buf;
    }
  }
  return "";
}

}  // namespace

int64_t median_spacing(const std::vector<int64_t>& t) {
  std::vector<int64_t> gaps;
  for (size_t i = 1; i < t.size(); ++i) gaps.push_back(t[i] - t[i - 1]);
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<long>(gaps.size() / 2), gaps.end());
  return gaps[gaps.size() / 2];
}

std::vector<IntervalFault> screen_trace(TraceData& data, double ceiling_w,
                                        const std::string& origin) {
  TraceData kept;
  kept.columns = data.columns;
  for (TraceColumn& c : kept.columns) c.values.clear();
  std::vector<std::string> removed_before;  // per kept row: why rows before it were removed
  std::string pending;
  for (size_t row = 0; row < data.t_ns.size(); ++row) {
    const std::string why = implausible(data, row, ceiling_w);
    if (!why.empty()) {
      if (pending.empty()) pending = "meter log " + origin + ": " + why;
      continue;
    }
    kept.t_ns.push_back(data.t_ns[row]);
    for (size_t c = 0; c < data.columns.size(); ++c)
      kept.columns[c].values.push_back(data.columns[c].values[row]);
    removed_before.push_back(kept.t_ns.size() > 1 ? pending : "");
    pending.clear();
  }
  data = std::move(kept);
  std::vector<IntervalFault> faults(data.t_ns.size() > 1 ? data.t_ns.size() - 1 : 0);
  if (faults.empty()) return faults;
  const int64_t limit = kTraceGapFactor * median_spacing(data.t_ns);
  for (size_t i = 0; i < faults.size(); ++i) {
    if (!removed_before[i + 1].empty()) {
      faults[i] = {ReadFault::Implausible, removed_before[i + 1]};
    } else if (data.t_ns[i + 1] - data.t_ns[i] > limit) {
      faults[i] = {ReadFault::Gap, "meter log " + origin + " has no sample from " +
                                       seconds(data.t_ns[i]) + " to " + seconds(data.t_ns[i + 1])};
    }
  }
  return faults;
}

}  // namespace synergy
