// Chrome/Perfetto trace JSON: layer slices on a timeline plus power counter tracks, openable in
// ui.perfetto.dev or chrome://tracing.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "result/power_track.hpp"
#include "result/record.hpp"
#include "result/timeline.hpp"

namespace synergy {

// What a layer's slices carry as arguments besides its type.
struct LayerSliceArgs {
  std::string shapes;  // "1x3x32x32 -> 1x16x32x32"
  int64_t macs = 0;
  int64_t min_traffic_bytes = 0;
  std::string fused_into;           // "" = its own kernel
  std::optional<double> energy_mj;  // attributed energy per inference, absent when none
  double energy_uncertainty_mj = 0.0;
  std::optional<double> power_w;
};

struct TraceExport {
  std::string title;  // shown as the process name
  const LayerTimeline* timeline = nullptr;
  std::vector<PowerTrack> power;       // one counter track each
  std::vector<LayerSliceArgs> layers;  // per layer, or empty
};

// Per layer of the record: its shapes, MACs and minimum traffic, host, energy and power.
std::vector<LayerSliceArgs> layer_slice_args(const ResultRecord& record);

void write_chrome_trace(std::ostream& out, const TraceExport& data);

}  // namespace synergy
