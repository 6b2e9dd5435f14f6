// A power sensor's readings as results carry them: mean power over each interval between the
// sensor's updates, on the monotonic clock of the layer timeline.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "measure/provenance.hpp"

namespace synergy {

struct PowerInterval {
  int64_t start_ns = 0;
  int64_t end_ns = 0;
  double power_w = 0.0;  // mean over the interval
};

struct PowerTrack {
  std::string label;  // "source/domain"
  Provenance provenance = Provenance::EnergyCounter;
  int64_t update_period_ns = 0;  // declared, 0 = unknown
  std::vector<PowerInterval> intervals;
};

}  // namespace synergy
