#include "profile/sensor_trace.hpp"

#include <algorithm>
#include <cmath>

#include "util/error.hpp"

namespace synergy {

bool SensorTrace::has_energy() const {
  return !samples.empty() && std::all_of(samples.begin(), samples.end(),
                                         [](const auto& s) { return std::isfinite(s.energy_j); });
}

bool SensorTrace::has_power() const {
  return !samples.empty() && std::all_of(samples.begin(), samples.end(),
                                         [](const auto& s) { return std::isfinite(s.power_w); });
}

double SensorInterval::mean_power_w() const {
  return end_ns > start_ns ? energy_j * 1e9 / static_cast<double>(end_ns - start_ns) : 0.0;
}

double EdgeWindow::mean_power_w() const {
  return end_ns > start_ns ? energy_j * 1e9 / static_cast<double>(end_ns - start_ns) : 0.0;
}

namespace {

double value_of(const SensorSample& s, bool energy) {
  return energy ? s.energy_j : s.power_w;
}

// Midpoint timing pays when the poll before each change is much closer than an update period.
bool use_midpoint(const SensorTrace& trace, bool energy, EdgeTiming timing) {
  if (timing != EdgeTiming::Auto) return timing == EdgeTiming::Midpoint;
  if (trace.update_period_ns <= 0) return false;
  std::vector<int64_t> gaps;
  const auto& s = trace.samples;
  for (size_t i = 1; i < s.size(); ++i)
    if (value_of(s[i], energy) != value_of(s[i - 1], energy))
      gaps.push_back(s[i].t_ns - s[i - 1].t_ns);
  if (gaps.empty()) return false;
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2),
                   gaps.end());
  return gaps[gaps.size() / 2] * 4 <= trace.update_period_ns;
}

struct Edge {
  int64_t t_ns;
  double value;  // cumulative energy, or power reported at the edge
};

std::vector<Edge> find_edges(const SensorTrace& trace, bool energy, bool midpoint) {
  std::vector<Edge> edges;
  const auto& s = trace.samples;
  auto value = [&](size_t i) { return value_of(s[i], energy); };
  edges.push_back({s[0].t_ns, value(0)});
  for (size_t i = 1; i < s.size(); ++i) {
    if (value(i) == value(i - 1)) continue;
    const int64_t t = midpoint ? s[i - 1].t_ns + (s[i].t_ns - s[i - 1].t_ns) / 2 : s[i].t_ns;
    edges.push_back({t, value(i)});
  }
  return edges;
}

}  // namespace

std::vector<SensorInterval> update_intervals(const SensorTrace& trace, EdgeTiming timing) {
  if (trace.samples.empty()) return {};
  const bool energy = trace.has_energy();
  if (!energy && !trace.has_power())
    throw bad_input("sensor trace '" + trace.source + "' has neither energy nor power readings");
  const std::vector<Edge> edges = find_edges(trace, energy, use_midpoint(trace, energy, timing));
  std::vector<SensorInterval> intervals;
  // The first edge is the first poll: the value it shows started at an unknown time, so the
  // interval it closes is not used. Intervals run between true value changes only.
  for (size_t i = 2; i < edges.size(); ++i) {
    SensorInterval iv{edges[i - 1].t_ns, edges[i].t_ns, 0.0};
    iv.energy_j = energy ? edges[i].value - edges[i - 1].value
                         : edges[i].value * static_cast<double>(iv.end_ns - iv.start_ns) * 1e-9;
    intervals.push_back(iv);
  }
  return intervals;
}

int64_t observed_update_period_ns(const std::vector<SensorInterval>& intervals) {
  if (intervals.empty()) return 0;
  std::vector<int64_t> d;
  for (const auto& iv : intervals) d.push_back(iv.end_ns - iv.start_ns);
  std::nth_element(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2), d.end());
  return d[d.size() / 2];
}

CumulativeEnergy::CumulativeEnergy(const std::vector<SensorInterval>& intervals) {
  if (intervals.empty()) return;
  times_.push_back(intervals.front().start_ns);
  energy_.push_back(0.0);
  for (const auto& iv : intervals) {
    times_.push_back(iv.end_ns);
    energy_.push_back(energy_.back() + iv.energy_j);
  }
}

double CumulativeEnergy::at(int64_t t_ns) const {
  if (times_.empty()) return 0.0;
  if (t_ns <= times_.front()) return energy_.front();
  if (t_ns >= times_.back()) return energy_.back();
  const auto hi =
      static_cast<size_t>(std::upper_bound(times_.begin(), times_.end(), t_ns) - times_.begin());
  const size_t lo = hi - 1;
  const double span = static_cast<double>(times_[hi] - times_[lo]);
  const double f = span > 0 ? static_cast<double>(t_ns - times_[lo]) / span : 1.0;
  return energy_[lo] + f * (energy_[hi] - energy_[lo]);
}

EdgeWindow edge_aligned_window(const std::vector<SensorInterval>& intervals, int64_t from_ns,
                               int64_t to_ns) {
  EdgeWindow w;
  for (const auto& iv : intervals) {
    if (iv.start_ns < from_ns || iv.end_ns > to_ns) continue;
    if (w.intervals == 0) w.start_ns = iv.start_ns;
    w.end_ns = iv.end_ns;
    w.energy_j += iv.energy_j;
    ++w.intervals;
  }
  return w;
}

}  // namespace synergy
