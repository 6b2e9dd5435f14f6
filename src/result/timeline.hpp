// The recorded layer timeline: per iteration, per layer start/end on the shared clock.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace synergy {

struct LayerSpan {
  int32_t layer = 0;  // index into LayerTimeline::layer_names
  int64_t start_ns = 0;
  int64_t end_ns = 0;
  int64_t duration_ns() const { return end_ns - start_ns; }
};

struct IterationRecord {
  int64_t start_ns = 0;
  int64_t end_ns = 0;
  std::vector<LayerSpan> layers;  // in execution order
};

struct LayerTimeline {
  std::vector<std::string> layer_names;
  std::vector<std::string> layer_types;  // op kind per layer, may be empty
  std::vector<IterationRecord> iterations;

  size_t layer_count() const { return layer_names.size(); }
  int64_t start_ns() const;  // first iteration start, 0 if empty
  int64_t end_ns() const;    // last iteration end, 0 if empty
  // Every layer span of every iteration, in time order.
  std::vector<LayerSpan> all_spans() const;
  // Per layer: its time in each iteration (sum of its spans there), in ns.
  std::vector<std::vector<double>> layer_times_per_iteration() const;
  // Per iteration: end - start, in ns.
  std::vector<double> iteration_times() const;
};

// Throws bad_input when a span names an unknown layer, ends before it starts, or iterations
// or spans are out of time order.
void validate_timeline(const LayerTimeline& timeline);

}  // namespace synergy
