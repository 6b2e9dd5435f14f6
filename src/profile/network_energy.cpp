#include "profile/network_energy.hpp"

#include <cmath>
#include <numeric>

#include "util/error.hpp"

namespace synergy {

NetworkEnergy network_energy(const LayerTimeline& timeline,
                             const std::vector<SensorInterval>& intervals) {
  if (timeline.iterations.empty()) throw bad_input("network energy needs recorded iterations");
  const EdgeWindow w = edge_aligned_window(intervals, timeline.start_ns(), timeline.end_ns());
  if (w.intervals == 0)
    throw bad_input("no complete sensor update interval inside the iterations: run longer");
  const auto times = timeline.iteration_times();
  NetworkEnergy out;
  out.iteration_ns =
      std::accumulate(times.begin(), times.end(), 0.0) / static_cast<double>(times.size());
  out.power_w = w.mean_power_w();
  out.energy_j = out.power_w * out.iteration_ns * 1e-9;
  out.window_ns = w.covered_ns;
  out.intervals = w.intervals;
  return out;
}

double idle_power_w(const std::vector<SensorInterval>& intervals, int64_t from_ns, int64_t to_ns) {
  const EdgeWindow w = edge_aligned_window(intervals, from_ns, to_ns);
  if (w.intervals == 0) throw bad_input("no complete sensor update interval in the idle window");
  return w.mean_power_w();
}

EnergySplit split_energy(double total_j, double duration_ns, double idle_w) {
  EnergySplit s;
  s.total_j = total_j;
  s.static_j = idle_w * duration_ns * 1e-9;
  s.dynamic_j = total_j - s.static_j;
  return s;
}

Closure closure(double layers_j, double network_j, std::string basis) {
  Closure c;
  c.layers_j = layers_j;
  c.network_j = network_j;
  c.difference_pct = network_j != 0.0 ? 100.0 * (layers_j - network_j) / network_j : std::nan("");
  c.basis = std::move(basis);
  return c;
}

}  // namespace synergy
