// A profile of one network on one engine: whole-network time and energy under the sampling
// discipline, idle power before and after, per-layer time and counters, and per-layer energy
// by one attribution method.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/backend.hpp"
#include "measure/sched/cpu_share.hpp"
#include "profile/attribution.hpp"
#include "profile/network_energy.hpp"
#include "profile/sampling.hpp"
#include "profile/sensor_health.hpp"
#include "profile/sensor_trace.hpp"
#include "profile/statistics.hpp"
#include "result/timeline.hpp"

namespace synergy {

class Engine;
class EnergySource;
class LayerObserver;

struct ProfileOptions {
  int64_t warmup_iterations = 3;
  int64_t layer_iterations = 0;           // >0: per-layer timing over exactly this many runs
  int64_t layer_time_ns = 2'000'000'000;  // else: per-layer timing for this long (>= 10 runs)
  double target_ci = 0.01;                // relative 95 % CI of the network figure; < 0: none
  int64_t max_time_ns = 60'000'000'000;   // budget of the whole-network sampling
  int64_t min_sample_ns = 0;              // 0: 200 ms, or 10 sensor update periods
  int64_t min_samples = 3;                // whole-network samples, at least and at most
  int64_t max_samples = 100;
  bool time_layers = true;  // false: whole-network time only (no per-layer pass, no counters)
  AttributionMethod attribution = AttributionMethod::Trace;
  // Per-layer energy (trace, markers) is sampled until every layer of at least 1 % of the run
  // has a 95 % interval within layer_ci of its power, or for attribution_time (0: max_time).
  // Layers short of the target are shown as not attributed, with their estimate in the note.
  double layer_ci = 0.05;
  int64_t attribution_time_ns = 0;
  int64_t idle_time_ns = 0;    // 0: 5 sensor update periods
  int64_t poll_period_ns = 0;  // 0: 100 us, or 20 reads' cost, at most a tenth of an update
  // Told about every layer too (a test's known power, an external tracer); not owned.
  LayerObserver* also_observe = nullptr;
  uint64_t seed = 1;
  std::vector<Tensor> inputs;  // the network's inputs; empty: random uniform [-1, 1) from seed
  std::function<bool()> interrupted;                                  // polled between runs
  std::function<void(std::string_view phase, double done)> progress;  // done in [0, 1]
};

struct EnergySetup {
  EnergySource* source = nullptr;  // nullptr: energy is not measured
  size_t domain = 0;
};

struct ProfileOutcome {
  std::vector<std::string> layer_names;
  std::vector<std::string> layer_types;
  std::vector<int> fused_into;          // per layer: the layer whose kernel runs it, or -1
  std::vector<bool> views;              // per layer: a view of its input (no kernel, no data moved)
  std::vector<std::string> algorithms;  // per layer: Program::algorithm
  SamplingOutcome network_time;         // ns per inference
  // J per inference: values beside network_time's (NaN where a sample's sensor updates were not
  // located well enough), the summary over the finite ones.
  std::optional<SamplingOutcome> network_energy;
  std::optional<double> idle_power_w;
  bool layers_timed = true;  // false: the per-layer pass was not asked for (time_layers)
  std::vector<Summary> layer_time_ns;
  LayerTimeline timeline;             // the runs energy was attributed over, else the timed runs
  std::optional<SensorTrace> sensor;  // readings during those runs
  std::optional<Attribution> attribution;
  std::optional<Closure> closure;  // layers' energies summed against the network's
  std::vector<std::string> counter_events;
  std::map<std::string, std::string> counter_unavailable;  // event -> why it was not counted
  std::map<std::string, std::string> counter_provenance;   // event -> how it was counted
  std::vector<std::vector<double>> layer_counters;         // per layer, per event, per inference
  std::optional<double> overhead_pct;  // per-layer timing overhead on end-to-end latency
  int64_t poll_period_ns = 0;
  int64_t start_ns = 0;        // monotonic instant the profile began
  SensorHealth sensor_health;  // faults of every reading taken
  // What the scheduler gave each timed phase: a shared CPU inflates its times (and is warned of).
  std::vector<PhaseCpuShare> cpu_share;
  // Set when the sensor's faults left no energy figure at all: why, with the counts.
  std::string energy_failure;
  std::vector<std::string> warnings;
  bool partial = false;  // interrupted before every phase was done
};

ProfileOutcome profile_network(Engine& engine, const EnergySetup& energy,
                               const std::vector<std::string>& counter_events,
                               const ProfileOptions& options);

}  // namespace synergy
