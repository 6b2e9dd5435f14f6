// Recorded sensor readings of one energy domain, and the intervals between its update edges.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "measure/energy_source.hpp"
#include "result/power_track.hpp"

namespace synergy {

// One poll of the sensor. NaN marks a quantity the sensor does not give.
struct SensorSample {
  int64_t t_ns = 0;
  double energy_j = std::numeric_limits<double>::quiet_NaN();  // cumulative, unwrapped
  double power_w = std::numeric_limits<double>::quiet_NaN();   // as reported at t_ns
  // The energy since the sample before is unknown (a counter restarted, power was unreadable in
  // between, a meter log gap): no interval spans from it to this one.
  bool break_before = false;
};

struct SensorTrace {
  std::string source;  // "nvml", "rapl", ...
  std::string domain;  // "gpu0", "package-0", ...
  Provenance provenance = Provenance::EnergyCounter;
  ReadingTime reading_time = ReadingTime::AtLastUpdate;
  int64_t update_period_ns = 0;       // declared period of value changes, 0 = unknown
  std::vector<SensorSample> samples;  // raw polls, in time order

  bool has_energy() const;  // every sample carries a finite cumulative energy
  bool has_power() const;   // every sample carries a finite power
};

// Energy consumed between two consecutive update edges of the sensor.
struct SensorInterval {
  int64_t start_ns = 0;
  int64_t end_ns = 0;
  double energy_j = 0.0;
  // Where an edge was located between two polls, it lies anywhere within +- this of start_ns
  // (end_ns); zero where the reading marks the edge itself.
  int64_t start_spread_ns = 0;
  int64_t end_spread_ns = 0;
  int64_t duration_ns() const { return end_ns - start_ns; }
  double mean_power_w() const;
  // How many seconds of [from_ns, to_ns) are expected to fall inside this interval, each edge
  // taken as evenly spread over its span.
  double expected_overlap_s(int64_t from_ns, int64_t to_ns) const;
};

enum class EdgeTiming {
  // Readings valid at the read: each one bounds an interval. Readings of the last update: an
  // edge lies midway between the poll that first shows a new value and the poll before it, and
  // only edges so located to within a tenth of the update period (or two polls, where polling
  // is slower) are kept; the intervals around an edge that a late poll left unlocated join
  // into one, whose energy is still exact. With no declared update period: as PollTime.
  Auto,
  PollTime,  // every value change, at the poll that first shows it
  Midpoint,  // every value change, midway between that poll and the one before
};

// The intervals between the sensor's update edges (a value change of cumulative energy, or of
// power when the sensor gives no energy; a reported power is taken as the mean power since the
// previous update, so with power alone only intervals of one update are kept). Empty for an
// empty trace; throws bad_input when the samples carry neither energy nor power.
std::vector<SensorInterval> update_intervals(const SensorTrace& trace,
                                             EdgeTiming timing = EdgeTiming::Auto);

// The trace as reporters draw it: mean power per update interval; no intervals where the trace
// holds neither energy nor power.
PowerTrack power_track(const SensorTrace& trace);

// The median gap between consecutive update edges, 0 when fewer than two edges.
int64_t observed_update_period_ns(const std::vector<SensorInterval>& intervals);

// Cumulative energy at time t, linear between interval boundaries; clamped outside. A hole
// between intervals (a break in the trace) holds no energy: callers keep away from holes.
class CumulativeEnergy {
 public:
  explicit CumulativeEnergy(const std::vector<SensorInterval>& intervals);
  double at(int64_t t_ns) const;
  int64_t start_ns() const { return times_.empty() ? 0 : times_.front(); }
  int64_t end_ns() const { return times_.empty() ? 0 : times_.back(); }

 private:
  std::vector<int64_t> times_;
  std::vector<double> energy_;
};

// Sum of the intervals lying fully inside [from, to]: the edge-aligned window. Where the trace
// breaks, the window has holes: its power is over the time its intervals cover.
struct EdgeWindow {
  int64_t start_ns = 0;
  int64_t end_ns = 0;
  double energy_j = 0.0;
  int64_t intervals = 0;
  int64_t covered_ns = 0;  // the intervals' time, end - start less the holes
  // How far the first and last edges may lie from where they were located, summed: the most
  // the window's time is off by.
  int64_t edge_spread_ns = 0;
  int64_t duration_ns() const { return end_ns - start_ns; }
  double mean_power_w() const;
  // Its intervals cover half of a span this long or more: enough to stand for all of it.
  bool covers_half_of(int64_t span_ns) const { return intervals > 0 && 2 * covered_ns >= span_ns; }
};
EdgeWindow edge_aligned_window(const std::vector<SensorInterval>& intervals, int64_t from_ns,
                               int64_t to_ns);

}  // namespace synergy
