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

// True when t falls in an interval no longer than twice the usual one: interpolating there is
// exact to the sensor's resolution. A boundary inside a gap (polls delayed, as on a busy CPU)
// would spread energy across whatever ran in the gap.
bool resolved(const std::vector<SensorInterval>& intervals, int64_t usual_ns, int64_t t_ns) {
  auto it = std::upper_bound(intervals.begin(), intervals.end(), t_ns,
                             [](int64_t t, const SensorInterval& iv) { return t < iv.start_ns; });
  if (it == intervals.begin()) return false;
  --it;
  return t_ns <= it->end_ns && it->duration_ns() <= 2 * usual_ns;
}

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
    out.uncertainty_kind =
        "95 % confidence half-width over iterations, plus the interpolation's bound at the "
        "layer's two ends";
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
    const auto times = tl.layer_times_per_iteration();
    // Per layer, the iterations whose spans the readings cover: (time, energy) of each.
    std::vector<std::vector<std::pair<double, double>>> runs(n);
    for (size_t i = 0; i < tl.iterations.size(); ++i) {
      std::vector<double> joules(n, 0.0);
      std::vector<bool> inside(n, true), seen(n, false);
      for (const auto& s : tl.iterations[i].layers) {
        const auto l = static_cast<size_t>(s.layer);
        seen[l] = true;
        const int64_t usual = out.observed_update_period_ns;
        if (!resolved(intervals, usual, s.start_ns) || !resolved(intervals, usual, s.end_ns))
          inside[l] = false;
        if (inside[l]) joules[l] += energy.at(s.end_ns) - energy.at(s.start_ns);
      }
      for (size_t l = 0; l < n; ++l)
        if (seen[l] && inside[l]) runs[l].emplace_back(times[l][i], joules[l]);
    }
    // Between updates the energy is interpolated: a layer shorter than ten of them takes in its
    // neighbours' power, a bias no spread over iterations shows.
    const int64_t resolution = std::max(in.sensor->update_period_ns, out.observed_update_period_ns);
    // Interpolating across a step of power at a boundary errs by up to the step x a sixth of the
    // interval on average; the steps are bounded by the spread of the intervals' powers.
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& iv : intervals) {
      if (iv.end_ns <= tl.start_ns() || iv.start_ns >= tl.end_ns()) continue;
      if (iv.duration_ns() > 2 * out.observed_update_period_ns) continue;
      lo = std::min(lo, iv.mean_power_w());
      hi = std::max(hi, iv.mean_power_w());
    }
    const double step_w = hi > lo ? hi - lo : 0.0;
    for (size_t l = 0; l < n; ++l) {
      out.layers.push_back(layer_result(l, times[l], runs[l]));
      auto& la = out.layers.back();
      if (la.estimated && la.time_ns.mean > 0) {
        const double bias_w =
            step_w * static_cast<double>(resolution) / (3.0 * la.time_ns.mean);  // two ends
        la.power_uncertainty_w += bias_w;
        la.energy_uncertainty_j = la.power_uncertainty_w * la.time_ns.mean * 1e-9;
      }
      if (la.measured && la.time_ns.mean < 10.0 * static_cast<double>(resolution)) {
        la.measured = false;
        la.note = "not attributed: shorter than ten sensor updates (" +
                  std::to_string(resolution / 1000) +
                  " us each): markers would mix in its "
                  "neighbours' power; use trace";
      }
    }
    return out;
  }

 private:
  // Power as the ratio of summed energy to summed time over the covered iterations (a layer's
  // time varies from run to run, its power much less), with the ratio estimator's 95 % interval.
  static LayerAttribution layer_result(size_t l, const std::vector<double>& times,
                                       const std::vector<std::pair<double, double>>& runs) {
    LayerAttribution la;
    la.layer = static_cast<int32_t>(l);
    la.time_ns = summarize(times);
    if (runs.empty()) {
      la.note = "layer ran outside the sensor readings";
      return la;
    }
    double t = 0.0, e = 0.0;
    for (const auto& [ti, ei] : runs) {
      t += ti * 1e-9;
      e += ei;
    }
    if (!(t > 0.0)) {
      la.note = "layer took no time";
      return la;
    }
    const auto count = static_cast<double>(runs.size());
    la.power_w = e / t;
    double ss = 0.0;
    for (const auto& [ti, ei] : runs) ss += std::pow(ei - la.power_w * ti * 1e-9, 2);
    la.power_uncertainty_w = runs.size() > 1
                                 ? student_t_975(static_cast<int64_t>(count) - 1) *
                                       std::sqrt(ss / (count * (count - 1.0))) / (t / count)
                                 : INFINITY;
    la.measured = la.estimated = true;
    la.samples = static_cast<int64_t>(runs.size());
    la.energy_j = la.power_w * la.time_ns.mean * 1e-9;
    la.energy_uncertainty_j = la.power_uncertainty_w * la.time_ns.mean * 1e-9;
    return la;
  }
};

}  // namespace

std::unique_ptr<Attributor> make_markers_attributor() {
  return std::make_unique<MarkersAttributor>();
}

}  // namespace synergy
