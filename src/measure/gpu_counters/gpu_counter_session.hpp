// Per-layer GPU counters through CUPTI's range profiler. The session is the engine's layer
// observer: it pushes one user range per layer (named by range_names.hpp) while collect() runs
// the inference once per replay pass, then decodes the ranges back to layers. The header is the
// same in every build; without CUDA/CUPTI the session exists and says why it measures nothing.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/observer.hpp"
#include "measure/gpu_counters/gpu_presets.hpp"

namespace synergy {

struct GpuCounterResult {
  std::string unavailable;           // why nothing was measured; empty when measured
  std::vector<std::string> metrics;  // measured then derived, in request order
  std::map<std::string, std::string> metric_unavailable;  // metric -> why
  // Per layer (index into graph.nodes): metric -> value per inference. A metric absent for a
  // layer was not measured there (never a zero).
  std::vector<std::map<std::string, double>> layers;
  std::vector<std::string> unmatched_ranges;  // reported ranges that match no layer
  size_t passes = 0;                          // replay passes (inferences run)
  size_t dropped_ranges = 0;                  // ranges CUPTI could not store
  // "measured counter (CUPTI range profiler, N replay passes)"
  std::string provenance() const;
};

// One decoded range: its reported name and the values of the measured metrics, in order.
struct RangeValues {
  std::string name;
  std::vector<double> values;
};

// Maps decoded ranges to layers and adds the derived metrics. `measured` are the metrics the
// values are for; `unavailable` those that could not be measured (and why). Pure: no CUPTI.
GpuCounterResult assemble_gpu_counters(const std::vector<std::string>& layer_names,
                                       const std::vector<std::string>& measured,
                                       const std::map<std::string, std::string>& unavailable,
                                       const std::vector<DerivedMetric>& derived,
                                       const std::vector<RangeValues>& ranges);

struct GpuCounterRequest {
  int device = 0;                        // CUDA device ordinal
  std::vector<std::string> layer_names;  // graph.nodes' names, in order
  GpuMetricRequest metrics;
  size_t max_passes = 64;  // give up (unavailable) if CUPTI asks for more replays
};

class GpuCounterSession : public LayerObserver {
 public:
  // Sets CUPTI up on the device's current (primary) context. Never throws for a missing GPU,
  // driver, library or permission: availability() says why instead.
  explicit GpuCounterSession(GpuCounterRequest request);
  ~GpuCounterSession() override;
  GpuCounterSession(const GpuCounterSession&) = delete;
  GpuCounterSession& operator=(const GpuCounterSession&) = delete;

  // Empty when counters can be collected; otherwise why not.
  const std::string& unavailable_reason() const;
  // How many inferences collect() will run (1 when unknown or unavailable).
  size_t passes_needed() const;

  // Runs `run_once` (one inference that calls this observer around each layer) as many times
  // as the replay needs, then decodes. Errors become result.unavailable, never a crash.
  GpuCounterResult collect(const std::function<void()>& run_once);

  bool wants(const Graph& graph, size_t layer) const override;
  void before_layer(size_t layer) override;
  void after_layer(size_t layer) override;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace synergy
