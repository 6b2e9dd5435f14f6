// Whole-network energy, idle power, the static/dynamic split and closure of per-layer sums.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "profile/attribution.hpp"
#include "profile/sensor_trace.hpp"
#include "result/timeline.hpp"

namespace synergy {

// Energy per inference from the edge-aligned window inside back-to-back iterations: mean power
// over the window x mean iteration time.
struct NetworkEnergy {
  double energy_j = 0.0;  // per inference
  double power_w = 0.0;   // mean over the window
  double iteration_ns = 0.0;
  int64_t window_ns = 0;
  int64_t intervals = 0;  // sensor updates inside the window
};
// Throws bad_input when no complete sensor interval lies inside the iterations.
NetworkEnergy network_energy(const LayerTimeline& timeline,
                             const std::vector<SensorInterval>& intervals);

// Mean power over the edge-aligned window inside [from, to]; throws when it holds no interval.
double idle_power_w(const std::vector<SensorInterval>& intervals, int64_t from_ns, int64_t to_ns);

struct EnergySplit {
  double total_j = 0.0;
  double static_j = 0.0;   // idle power x time
  double dynamic_j = 0.0;  // total - static
};
EnergySplit split_energy(double total_j, double duration_ns, double idle_w);

struct Closure {
  double layers_j = 0.0;        // sum of per-layer energies, per inference
  double network_j = 0.0;       // whole-network measurement, per inference
  double difference_pct = 0.0;  // 100 x (layers - network) / network
  std::string basis;            // what the network's side is
};
Closure closure(double layers_j, double network_j, std::string basis);

}  // namespace synergy
