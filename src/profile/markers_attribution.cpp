// `markers`: the energy of a layer is the sensor's cumulative energy at its end minus that at its
// start, interpolated linearly between update edges. Exact with a sensor much faster than the
// layers; meaningless when one sensor update spans many layers (it then only spreads power).
#include <algorithm>
#include <cmath>
#include <string>

#include "profile/attribution.hpp"
#include "util/error.hpp"

namespace synergy {

namespace {

int64_t median_layer_ns(const LayerTimeline& tl) {
  std::vector<int64_t> d;
  for (const auto& s : tl.all_spans()) d.push_back(s.duration_ns());
  if (d.empty()) return 0;
  std::nth_element(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2), d.end());
  return d[d.size() / 2];
}

class MarkersAttributor final : public Attributor {
 public:
  AttributionMethod method() const override { return AttributionMethod::Markers; }

  Attribution attribute(const AttributionInput& in) const override {
    if (!in.timeline || !in.sensor)
      throw bad_input("markers attribution needs a timeline and a sensor trace");
    validate_timeline(*in.timeline);
    const auto& tl = *in.timeline;
    const auto intervals = update_intervals(*in.sensor, in.edge_timing);
    const CumulativeEnergy energy(intervals);

    Attribution out;
    out.method = method();
    out.uncertainty_kind = "95 % confidence half-width over iterations";
    out.outside_layers_power_w = std::nan("");
    out.observed_update_period_ns = observed_update_period_ns(intervals);
    for (const auto& iv : intervals)
      if (iv.end_ns > tl.start_ns() && iv.start_ns < tl.end_ns()) ++out.sensor_intervals;
    const int64_t median = median_layer_ns(tl);
    if (out.observed_update_period_ns > median)
      out.warnings.push_back("sensor updates every " +
                             std::to_string(out.observed_update_period_ns / 1000) +
                             " us, longer than the median layer (" + std::to_string(median / 1000) +
                             " us): markers cannot resolve layers; use trace or isolate");

    const size_t n = tl.layer_count();
    std::vector<std::vector<double>> energies(n, std::vector<double>(tl.iterations.size(), 0.0));
    std::vector<bool> covered(n, false);
    for (size_t i = 0; i < tl.iterations.size(); ++i) {
      for (const auto& s : tl.iterations[i].layers) {
        if (s.start_ns < energy.start_ns() || s.end_ns > energy.end_ns()) continue;
        energies[static_cast<size_t>(s.layer)][i] += energy.at(s.end_ns) - energy.at(s.start_ns);
        covered[static_cast<size_t>(s.layer)] = true;
      }
    }
    const auto times = tl.layer_times_per_iteration();
    for (size_t l = 0; l < n; ++l)
      out.layers.push_back(layer_result(l, times[l], energies[l], covered[l]));
    return out;
  }

 private:
  static LayerAttribution layer_result(size_t l, const std::vector<double>& times,
                                       const std::vector<double>& energies, bool covered) {
    LayerAttribution la;
    la.layer = static_cast<int32_t>(l);
    la.time_ns = summarize(times);
    if (!covered) {
      la.note = "layer ran outside the sensor readings";
      return la;
    }
    const Summary e = summarize(energies);
    la.measured = true;
    la.samples = e.count;
    la.energy_j = e.mean;
    la.energy_uncertainty_j = e.ci95;
    if (la.time_ns.mean > 0) {
      la.power_w = e.mean / (la.time_ns.mean * 1e-9);
      la.power_uncertainty_w = e.ci95 / (la.time_ns.mean * 1e-9);
    }
    return la;
  }
};

}  // namespace

std::unique_ptr<Attributor> make_markers_attributor() {
  return std::make_unique<MarkersAttributor>();
}

}  // namespace synergy
