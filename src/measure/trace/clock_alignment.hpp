// A meter log's clock offset found from a known load pattern played on the CPU: busy and idle
// blocks ("chips") in the order of a 15-chip maximal-length sequence, whose only strong match
// with itself is at zero shift, correlated with the log's mean power over the same blocks.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace synergy {

// The pattern's chips in order, true where the CPU is kept busy.
std::vector<bool> load_pattern_chips();

// One core's part of a busy chip: [from, to) from its first spin to its last, and the share of
// that span it actually ran (below 1 where other work took the core).
struct BusySpan {
  int64_t from_ns = 0;
  int64_t to_ns = 0;
  double ran = 1.0;
};

// The pattern as it was played, on the monotonic clock.
struct LoadPattern {
  int64_t start_ns = 0;
  int64_t end_ns = 0;
  int64_t chip_ns = 0;
  unsigned cores = 1;          // spinning cores per busy chip
  std::vector<BusySpan> busy;  // each core's spans
  // Mean share of the cores kept busy over [from, to).
  double busy_share(int64_t from_ns, int64_t to_ns) const;
};

struct ClockAlignment {
  int64_t offset_ns = 0;     // added to the log's time to reach the monotonic clock
  double correlation = 0.0;  // of the log's power with the pattern at that offset
  double runner_up = 0.0;    // the best correlation more than one chip away from it
};

// Mean power (W) of the log over [from, to) of its own time; false where the log has no data.
using LogMeanPower = std::function<bool(int64_t from_ns, int64_t to_ns, double& watts)>;

// A match is taken when its correlation is at least this and the runner-up's at most
// kRunnerUpShare of it.
inline constexpr double kMinCorrelation = 0.5;
inline constexpr double kRunnerUpShare = 0.75;

// The offset in [lo_ns, hi_ns] that best lines the log's power up with the pattern (offsets
// whose pattern window the log does not hold are skipped). correlation is 0 when none could be
// tried. A match is clear when clear_match() holds.
ClockAlignment best_clock_offset(const LogMeanPower& power, const LoadPattern& played,
                                 int64_t lo_ns, int64_t hi_ns);
bool clear_match(const ClockAlignment& a);

}  // namespace synergy
