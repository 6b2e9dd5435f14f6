// Chrome/Perfetto trace JSON: layer slices on a timeline plus power counter tracks, openable in
// ui.perfetto.dev or chrome://tracing.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "profile/sensor_trace.hpp"
#include "profile/timeline.hpp"

namespace synergy {

struct TraceExport {
  std::string title;  // shown as the process name
  const LayerTimeline* timeline = nullptr;
  std::vector<SensorTrace> sensors;  // one power track each (mean power per update interval)
};

void write_chrome_trace(std::ostream& out, const TraceExport& data);

}  // namespace synergy
