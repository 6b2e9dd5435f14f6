// A fully populated result record for reporter tests.
#pragma once

#include <cmath>

#include "result/record.hpp"

namespace synergy::testing {

inline Summary summary(double mean, int64_t n) {
  Summary s;
  s.count = n;
  s.mean = mean;
  s.median = mean * 0.99;
  s.stddev = mean * 0.02;
  s.cv = 0.02;
  s.min = mean * 0.95;
  s.max = mean * 1.07;
  s.ci95 = mean * 0.01;
  return s;
}

inline ResultRecord sample_record() {
  ResultRecord r;
  r.model = "tinynet";
  r.context.started_at = "2026-11-27T01:00:00Z";
  r.context.host = "bench-1";
  r.context.cpu_model = "Test CPU @ 2.0GHz";
  r.context.libraries = {{"dnnl", "3.0.0"}, {"openblas", "0.3.21"}};
  r.context.device = {{"gpu", "Test GPU"}};
  r.context.backend = "onednn";
  r.context.threads = 2;
  r.context.openmp_wait = "passive (sleep at once): other processes kept 1.2 of 2 cores busy";
  r.context.others_busy_cores = 1.25;
  r.context.batch = 1;
  r.context.build_type = "Release";
  r.context.git_commit = "abc1234";
  r.context.energy_source = "nvml";
  r.context.energy_domain = "gpu0";
  r.context.energy_provenance = Provenance::EnergyCounter;
  r.context.sensor_update_period_ns = 100'000'000;
  r.context.counters = {"instructions", "dram_bytes"};
  r.context.counter_provenance = {{"instructions", "measured counter (perf_event)"},
                                  {"dram_bytes", "measured counter (CUPTI range profiler)"}};
  r.context.counters_unavailable = {{"cycles", "hardware events not supported"}};
  r.network.time_ns = summary(2.5e6, 30);
  r.network.energy_j = summary(0.42, 12);
  r.network.idle_power_w = 80.0;
  r.network.static_energy_j = 0.2;
  r.network.dynamic_energy_j = 0.22;
  r.network.iterations_per_sample = 400;
  r.network.stop_reason = StopReason::TargetReached;
  r.network.counters = {{"instructions", 1.5e9}};
  r.network.error_vs_fp32 = 3.5e-3;
  LayerResult conv;
  conv.index = 0;
  conv.name = "conv1, 3x3";  // a comma to be quoted in CSV
  conv.type = "Conv";
  conv.time_ns = summary(1.5e6, 30);
  conv.energy = EnergyEstimate{AttributionMethod::Trace, 0.3, 0.004, 200.0, 2.5, 310};
  conv.counters = {{"instructions", 1e9}};
  conv.algorithm = "winograd";
  LayerResult relu;
  relu.index = 1;
  relu.name = "relu1";
  relu.type = "Relu";
  relu.time_ns = summary(1e6, 30);
  relu.note = "never ran during the sensor intervals";
  r.layers = {conv, relu};
  r.attribution = AttributionMethod::Trace;
  r.uncertainty_kind = "one standard error";
  r.closure = ClosureResult{0.3, 0.42, -28.57};
  r.overhead_pct = 0.8;
  r.layers[0].energy->power_uncertainty_w = std::nan("");  // unknown spread
  r.warnings = {"frequency governor is 'powersave', not 'performance'"};
  CpuShare network;
  network.wall_ns = 2'000'000'000;
  network.ran_ns = 1'500'000'000;
  network.waited_ns = 500'000'000;
  network.involuntary_switches = 300;
  network.pressure = 0.4;
  network.steal = 0.0;
  CpuShare layers;  // a kernel without schedstat or pressure
  layers.wall_ns = 1'000'000'000;
  layers.involuntary_switches = 12;
  r.cpu_share = {{"network", network}, {"layers", layers}};
  return r;
}

}  // namespace synergy::testing
