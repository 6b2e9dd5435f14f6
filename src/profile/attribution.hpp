// Per-layer energy attribution: three methods behind one interface, as pure math on recorded
// data (a layer timeline and sensor readings on the shared clock).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "profile/sensor_trace.hpp"
#include "profile/statistics.hpp"
#include "result/methods.hpp"
#include "result/timeline.hpp"

namespace synergy {

// Repeated back-to-back executions of one layer alone; one run gives one sample.
struct IsolationRun {
  int32_t layer = 0;
  std::vector<LayerSpan> executions;
};

struct AttributionInput {
  const LayerTimeline* timeline = nullptr;  // the network's iterations (trace, markers)
  const SensorTrace* sensor = nullptr;
  std::span<const IsolationRun> isolated;  // isolate only
  EdgeTiming edge_timing = EdgeTiming::Auto;
};

struct LayerAttribution {
  int32_t layer = 0;
  Summary time_ns;       // the layer's time per inference, over iterations or executions
  double power_w = 0.0;  // mean power while the layer runs
  double power_uncertainty_w = 0.0;   // 95 % confidence half-width
  double energy_j = 0.0;              // per inference
  double energy_uncertainty_j = 0.0;  // 95 % confidence half-width
  int64_t samples = 0;     // sensor intervals (trace), iterations (markers), windows (isolate)
  bool estimated = false;  // the figures above hold an estimate (used for closure)
  bool measured = false;   // an estimate within the precision target: shown (else see note)
  std::string note;
};

struct Attribution {
  AttributionMethod method = AttributionMethod::Trace;
  std::string uncertainty_kind;  // what the uncertainty columns mean
  std::vector<LayerAttribution> layers;
  double outside_layers_power_w = 0.0;  // trace: power when no layer runs; NaN otherwise
  int64_t sensor_intervals = 0;         // update intervals used
  int64_t observed_update_period_ns = 0;
  std::string stop_reason;  // how sampling ended: "precision target reached", ...
  int64_t phase_ns = 0;     // how long the layers were sampled
  std::vector<std::string> warnings;

  double layers_energy_j() const;  // sum of estimated layers, per inference
};

// Layers whose 95 % interval is wider than `target` (relative to their power) are no longer
// shown as measured: the note says why and keeps the estimate. Returns how many were withdrawn.
int apply_precision_target(Attribution& attribution, double target);

// The share of each layer's relative 95 % interval: the widest among layers of at least
// `min_share` of the run time, `runtime_share` per layer (infinite when one has no estimate).
double widest_relative_ci(const Attribution& attribution, std::span<const double> runtime_share,
                          double min_share);

class Attributor {
 public:
  virtual ~Attributor() = default;
  virtual AttributionMethod method() const = 0;
  // Throws bad_input when the input lacks what the method needs.
  virtual Attribution attribute(const AttributionInput& input) const = 0;
};

std::unique_ptr<Attributor> make_attributor(AttributionMethod method);
std::unique_ptr<Attributor> make_trace_attributor();
std::unique_ptr<Attributor> make_markers_attributor();
std::unique_ptr<Attributor> make_isolate_attributor();

}  // namespace synergy
