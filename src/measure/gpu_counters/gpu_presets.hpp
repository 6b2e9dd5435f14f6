// GPU counter presets: CUPTI metric names and metrics derived from them, read from data files
// (data/gpu_counters/*.txt; the format is described at the top of presets.txt).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace synergy {

// One term of a linear formula: coefficient x metric.
struct MetricTerm {
  double coefficient = 1.0;
  std::string metric;
};

// A metric computed from measured ones ("fp32_flops = 2*ffma + fadd + fmul").
struct DerivedMetric {
  std::string name;
  std::vector<MetricTerm> terms;
  // The value from measured ones; NaN when a term is missing or not finite (never a zero).
  double evaluate(const std::map<std::string, double>& measured) const;
};

// Parses "2*a + b + 0.5*c". Throws bad_input with the reason for anything else.
std::vector<MetricTerm> parse_formula(const std::string& text);

struct GpuCounterPreset {
  std::string name;
  std::string description;
  std::vector<std::string> metrics;  // measured and derived names, in the file's order
};

// What a list of presets asks of the GPU: the metrics CUPTI measures, then the derived ones.
struct GpuMetricRequest {
  std::vector<std::string> measured;
  std::vector<DerivedMetric> derived;
};

struct GpuPresetCatalog {
  std::vector<GpuCounterPreset> presets;
  std::map<std::string, DerivedMetric> derived;
  const GpuCounterPreset* find(const std::string& name) const;
  // The metrics of a comma-separated list of presets ("fp32,dram"), in order, without repeats;
  // a derived metric brings the measured ones it needs. Throws bad_input for an unknown preset
  // (listing the known ones).
  GpuMetricRequest request_of(const std::string& preset_list) const;
};

// Loads every *.txt in dir (name order; a later preset of the same name replaces an earlier
// one). Throws bad_input for a malformed file or a derived metric defined twice.
GpuPresetCatalog load_gpu_presets(const std::string& dir);

// $SYNERGY_DATA_DIR/gpu_counters, else the source tree's data/gpu_counters.
std::string default_gpu_preset_dir();

}  // namespace synergy
