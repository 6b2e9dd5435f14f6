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

namespace {

// The integral up to t of the chance that an edge evenly spread over centre +- spread lies
// before t.
double seconds_after_edge(int64_t centre, int64_t spread, int64_t t) {
  const auto lo = static_cast<double>(centre - spread);
  const auto x = static_cast<double>(t);
  if (x <= lo) return 0.0;
  if (spread <= 0) return (x - lo) * 1e-9;
  const auto width = 2.0 * static_cast<double>(spread);
  if (x >= lo + width) return (x - lo - 0.5 * width) * 1e-9;
  return (x - lo) * (x - lo) / (2.0 * width) * 1e-9;
}

}  // namespace

double SensorInterval::expected_overlap_s(int64_t from_ns, int64_t to_ns) const {
  if (to_ns <= from_ns) return 0.0;
  // A moment is inside when the start edge lies before it and the end edge does not.
  return seconds_after_edge(start_ns, start_spread_ns, to_ns) -
         seconds_after_edge(start_ns, start_spread_ns, from_ns) -
         (seconds_after_edge(end_ns, end_spread_ns, to_ns) -
          seconds_after_edge(end_ns, end_spread_ns, from_ns));
}

double EdgeWindow::mean_power_w() const {
  return covered_ns > 0 ? energy_j * 1e9 / static_cast<double>(covered_ns) : 0.0;
}

namespace {

double value_of(const SensorSample& s, bool energy) {
  return energy ? s.energy_j : s.power_w;
}

// Every reading is an exact point of cumulative energy (or of instantaneous power, integrated
// by the trapezoid rule).
std::vector<SensorInterval> reading_intervals(const SensorTrace& trace, bool energy) {
  std::vector<SensorInterval> out;
  const auto& s = trace.samples;
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i].t_ns <= s[i - 1].t_ns) continue;
    const double seconds = static_cast<double>(s[i].t_ns - s[i - 1].t_ns) * 1e-9;
    out.push_back({s[i - 1].t_ns, s[i].t_ns,
                   energy ? s[i].energy_j - s[i - 1].energy_j
                          : 0.5 * (s[i].power_w + s[i - 1].power_w) * seconds});
  }
  return out;
}

// A change of value: it happened after `before_ns` (the last poll showing the old value) and no
// later than `after_ns` (the first showing the new one).
struct Edge {
  int64_t before_ns;
  int64_t after_ns;
  double value;
};

std::vector<Edge> find_edges(const SensorTrace& trace, bool energy) {
  std::vector<Edge> edges;
  const auto& s = trace.samples;
  for (size_t i = 1; i < s.size(); ++i)
    if (value_of(s[i], energy) != value_of(s[i - 1], energy))
      edges.push_back({s[i - 1].t_ns, s[i].t_ns, value_of(s[i], energy)});
  return edges;
}

int64_t median_of(std::vector<int64_t> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// The update period: declared, else the median spacing of the changes seen.
int64_t period_of(const SensorTrace& trace, const std::vector<Edge>& edges) {
  if (trace.update_period_ns > 0) return trace.update_period_ns;
  std::vector<int64_t> gaps;
  for (size_t i = 1; i < edges.size(); ++i)
    gaps.push_back(edges[i].after_ns - edges[i - 1].after_ns);
  return median_of(std::move(gaps));
}

// How closely an edge must be located to be used: a tenth of the update period, or two polls
// where the poller is slower than that, never more than a quarter period. Midway between its
// polls, an edge is then off by at most a twentieth of a period (an eighth with a starved
// poller); a looser edge would smear energy across its neighbours in step with which layer ran
// there, a bias no error bar shows.
int64_t edge_tolerance(const SensorTrace& trace, int64_t period) {
  if (period <= 0) return 0;
  std::vector<int64_t> gaps;
  for (size_t i = 1; i < trace.samples.size(); ++i)
    gaps.push_back(trace.samples[i].t_ns - trace.samples[i - 1].t_ns);
  return std::clamp(2 * median_of(std::move(gaps)), period / 10, period / 4);
}

std::vector<SensorInterval> edge_intervals(const SensorTrace& trace, bool energy,
                                           EdgeTiming timing) {
  const std::vector<Edge> edges = find_edges(trace, energy);
  const int64_t period = period_of(trace, edges);
  // With no declared period there is nothing to locate an edge against: the polls as they come.
  if (timing == EdgeTiming::Auto && trace.update_period_ns <= 0) timing = EdgeTiming::PollTime;
  const int64_t tolerance = edge_tolerance(trace, period);
  struct Located {
    int64_t t_ns;
    int64_t spread_ns;
    double value;
    size_t index;  // in `edges`
  };
  std::vector<Located> kept;
  for (size_t i = 0; i < edges.size(); ++i) {
    const Edge& e = edges[i];
    // A sensor that updates every period changed within a period of the poll that shows it.
    const int64_t span =
        period > 0 ? std::min(e.after_ns - e.before_ns, period) : e.after_ns - e.before_ns;
    if (timing == EdgeTiming::Auto && tolerance > 0 && span > tolerance) continue;
    if (timing == EdgeTiming::PollTime)
      kept.push_back({e.after_ns, 0, e.value, i});
    else
      kept.push_back({e.after_ns - span / 2, span / 2, e.value, i});
  }
  std::vector<SensorInterval> intervals;
  for (size_t k = 1; k < kept.size(); ++k) {
    SensorInterval iv{kept[k - 1].t_ns, kept[k].t_ns, 0.0, kept[k - 1].spread_ns,
                      kept[k].spread_ns};
    if (iv.end_ns <= iv.start_ns) continue;
    if (energy) {
      iv.energy_j = kept[k].value - kept[k - 1].value;
    } else {
      // A power reading is the mean of its own update only: no edge may be missing between.
      if (kept[k].index != kept[k - 1].index + 1) continue;
      if (period > 0 && 2 * iv.duration_ns() > 3 * period) continue;
      iv.energy_j = kept[k].value * static_cast<double>(iv.duration_ns()) * 1e-9;
    }
    intervals.push_back(iv);
  }
  return intervals;
}

}  // namespace

std::vector<SensorInterval> update_intervals(const SensorTrace& trace, EdgeTiming timing) {
  if (trace.samples.empty()) return {};
  const bool energy = trace.has_energy();
  if (!energy && !trace.has_power())
    throw bad_input("sensor trace '" + trace.source + "' has neither energy nor power readings");
  const bool at_read = trace.reading_time == ReadingTime::AtRead && timing == EdgeTiming::Auto;
  // Each stretch between breaks on its own: no interval spans a break.
  std::vector<SensorInterval> out;
  SensorTrace part = trace;
  const auto& s = trace.samples;
  for (size_t begin = 0; begin < s.size();) {
    size_t end = begin + 1;
    while (end < s.size() && !s[end].break_before) ++end;
    part.samples.assign(s.begin() + static_cast<std::ptrdiff_t>(begin),
                        s.begin() + static_cast<std::ptrdiff_t>(end));
    auto more = at_read ? reading_intervals(part, energy) : edge_intervals(part, energy, timing);
    out.insert(out.end(), more.begin(), more.end());
    begin = end;
  }
  return out;
}

int64_t observed_update_period_ns(const std::vector<SensorInterval>& intervals) {
  std::vector<int64_t> d;
  for (const auto& iv : intervals) d.push_back(iv.duration_ns());
  return median_of(std::move(d));
}

CumulativeEnergy::CumulativeEnergy(const std::vector<SensorInterval>& intervals) {
  if (intervals.empty()) return;
  times_.push_back(intervals.front().start_ns);
  energy_.push_back(0.0);
  for (const auto& iv : intervals) {
    if (iv.start_ns != times_.back()) {  // a hole: no energy known across it
      times_.push_back(iv.start_ns);
      energy_.push_back(energy_.back());
    }
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
  int64_t start_spread = 0, end_spread = 0;
  for (const auto& iv : intervals) {
    if (iv.start_ns < from_ns || iv.end_ns > to_ns) continue;
    if (w.intervals == 0) {
      w.start_ns = iv.start_ns;
      start_spread = iv.start_spread_ns;
    }
    w.end_ns = iv.end_ns;
    end_spread = iv.end_spread_ns;
    w.energy_j += iv.energy_j;
    w.covered_ns += iv.duration_ns();
    ++w.intervals;
  }
  w.edge_spread_ns = start_spread + end_spread;
  return w;
}

PowerTrack power_track(const SensorTrace& trace) {
  PowerTrack t;
  t.label = trace.source + (trace.domain.empty() ? "" : "/" + trace.domain);
  t.provenance = trace.provenance;
  t.update_period_ns = trace.update_period_ns;
  if (!trace.has_energy() && !trace.has_power()) return t;
  for (const SensorInterval& iv : update_intervals(trace))
    t.intervals.push_back({iv.start_ns, iv.end_ns, iv.mean_power_w()});
  return t;
}

}  // namespace synergy
