#include <cmath>

#include "measure/gpu_counters/gpu_counter_session.hpp"
#include "measure/gpu_counters/range_names.hpp"

namespace synergy {

namespace {

void add_derived(GpuCounterResult& r, const std::vector<DerivedMetric>& derived) {
  for (const DerivedMetric& d : derived) {
    r.metrics.push_back(d.name);
    for (const MetricTerm& t : d.terms) {
      auto why = r.metric_unavailable.find(t.metric);
      if (why == r.metric_unavailable.end()) continue;
      r.metric_unavailable[d.name] = "needs " + t.metric + ", which is unavailable";
      break;
    }
    for (auto& layer : r.layers) {
      const double v = d.evaluate(layer);
      if (std::isfinite(v)) layer[d.name] = v;
    }
  }
}

}  // namespace

std::string GpuCounterResult::provenance() const {
  return "measured counter (CUPTI range profiler, " + std::to_string(passes) + " replay pass" +
         (passes == 1 ? "" : "es") + ")";
}

GpuCounterResult assemble_gpu_counters(const std::vector<std::string>& layer_names,
                                       const std::vector<std::string>& measured,
                                       const std::map<std::string, std::string>& unavailable,
                                       const std::vector<DerivedMetric>& derived,
                                       const std::vector<RangeValues>& ranges) {
  GpuCounterResult r;
  r.metrics = measured;
  for (const auto& [metric, why] : unavailable) {
    r.metric_unavailable[metric] = why;
    bool listed = false;
    for (const auto& m : r.metrics) listed = listed || m == metric;
    if (!listed) r.metrics.push_back(metric);
  }
  r.layers.resize(layer_names.size());
  for (const RangeValues& range : ranges) {
    const auto layer = layer_of_range(range.name, layer_names);
    if (!layer) {
      r.unmatched_ranges.push_back(range.name);
      continue;
    }
    auto& values = r.layers[*layer];
    for (size_t m = 0; m < measured.size() && m < range.values.size(); ++m) {
      if (!std::isfinite(range.values[m])) continue;
      values[measured[m]] += range.values[m];  // a layer reported twice: its parts add up
    }
  }
  add_derived(r, derived);
  return r;
}

}  // namespace synergy
