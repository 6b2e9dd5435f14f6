// `isolate`: one layer runs alone, back to back, for longer than many sensor updates. Energy per
// execution = mean power over the window between the first and last update edges inside the
// run x the layer's mean execution time. Each run is one sample.
#include <algorithm>
#include <cmath>
#include <string>

#include "profile/attribution.hpp"
#include "util/error.hpp"

namespace synergy {

namespace {

constexpr int64_t kMinIntervalsPerWindow = 10;

struct WindowSample {
  double power_w = 0.0;
  double exec_ns = 0.0;
  int64_t intervals = 0;
};

bool sample_run(const IsolationRun& run, const std::vector<SensorInterval>& intervals,
                WindowSample& out) {
  if (run.executions.empty()) return false;
  const EdgeWindow w =
      edge_aligned_window(intervals, run.executions.front().start_ns, run.executions.back().end_ns);
  if (w.intervals == 0) return false;
  double total = 0.0;
  for (const auto& e : run.executions) total += static_cast<double>(e.duration_ns());
  out.power_w = w.mean_power_w();
  out.exec_ns = total / static_cast<double>(run.executions.size());
  out.intervals = w.intervals;
  return true;
}

class IsolateAttributor final : public Attributor {
 public:
  AttributionMethod method() const override { return AttributionMethod::Isolate; }

  Attribution attribute(const AttributionInput& in) const override {
    if (!in.sensor) throw bad_input("isolate attribution needs a sensor trace");
    if (in.isolated.empty()) throw bad_input("isolate attribution needs isolated layer runs");
    const auto intervals = update_intervals(*in.sensor, in.edge_timing);
    size_t n = in.timeline ? in.timeline->layer_count() : 0;
    for (const auto& r : in.isolated) n = std::max(n, static_cast<size_t>(r.layer) + 1);

    Attribution out;
    out.method = method();
    out.uncertainty_kind = "95 % confidence half-width over isolated runs";
    out.outside_layers_power_w = std::nan("");
    out.observed_update_period_ns = observed_update_period_ns(intervals);
    std::vector<std::vector<WindowSample>> per_layer(n);
    int64_t short_windows = 0;
    for (const auto& run : in.isolated) {
      if (run.layer < 0) throw bad_input("isolated run names a negative layer");
      WindowSample s;
      if (!sample_run(run, intervals, s)) {
        ++short_windows;
        continue;
      }
      if (s.intervals < kMinIntervalsPerWindow) ++short_windows;
      out.sensor_intervals += s.intervals;
      per_layer[static_cast<size_t>(run.layer)].push_back(s);
    }
    if (short_windows > 0)
      out.warnings.push_back(
          std::to_string(short_windows) + " isolated run(s) spanned fewer than " +
          std::to_string(kMinIntervalsPerWindow) + " sensor updates: run each layer longer");
    for (size_t l = 0; l < n; ++l) out.layers.push_back(layer_result(l, per_layer[l]));
    return out;
  }

 private:
  static LayerAttribution layer_result(size_t l, const std::vector<WindowSample>& samples) {
    LayerAttribution la;
    la.layer = static_cast<int32_t>(l);
    if (samples.empty()) {
      la.note = "no isolated run with a complete sensor interval";
      return la;
    }
    std::vector<double> power, time, energy;
    for (const auto& s : samples) {
      power.push_back(s.power_w);
      time.push_back(s.exec_ns);
      energy.push_back(s.power_w * s.exec_ns * 1e-9);
    }
    const Summary p = summarize(power);
    const Summary e = summarize(energy);
    la.measured = la.estimated = true;
    la.samples = e.count;
    la.time_ns = summarize(time);
    la.power_w = p.mean;
    la.power_uncertainty_w = p.ci95;
    la.energy_j = e.mean;
    la.energy_uncertainty_j = e.ci95;
    return la;
  }
};

}  // namespace

std::unique_ptr<Attributor> make_isolate_attributor() {
  return std::make_unique<IsolateAttributor>();
}

}  // namespace synergy
