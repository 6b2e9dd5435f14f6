// Self-contained HTML reports: one file with its data, script and style inline, that opens
// offline. A run (per-layer bars, share by type, power timeline, counters, roofline), a diff of
// two runs, or a prediction evaluation (predicted against measured).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "report/chrome_trace.hpp"
#include "result/power_track.hpp"
#include "result/record.hpp"
#include "result/timeline.hpp"

namespace synergy {

struct RunReport {
  const ResultRecord* record = nullptr;
  // Per layer: shapes, MACs, minimum traffic (the roofline's inputs). Empty: unknown, and
  // `costs_missing` says why.
  std::vector<LayerSliceArgs> costs;
  std::string costs_missing;
  // The layer spans and power readings of the run, present only at the end of a profile (the
  // store keeps neither); `timeline_missing` says why when absent.
  const LayerTimeline* timeline = nullptr;
  const PowerTrack* power = nullptr;
  std::string timeline_missing;
};

void write_run_report(std::ostream& out, const RunReport& report);

// B - A per layer and for the network, each run's context beside the other's.
void write_diff_report(std::ostream& out, const ResultRecord& a, const ResultRecord& b,
                       const std::string& label_a, const std::string& label_b);

// `evaluation_json`: a "synergy-evaluation" document, as `synergy evaluate --format json`
// prints it. Throws bad_input on anything else.
void write_evaluation_report(std::ostream& out, const std::string& evaluation_json);

}  // namespace synergy
