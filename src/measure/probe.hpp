// Measured properties of a source: the cost of one read and the period at which its value changes.
#pragma once

#include <cstdint>
#include <functional>

#include "measure/energy_source.hpp"

namespace synergy {

struct ReadCost {
  double mean_ns = 0;
  double min_ns = 0;
  int reads = 0;
};
ReadCost measure_read_cost(EnergySource& source, int reads);

struct UpdatePeriod {
  bool measured = false;  // false: fewer than two changes were seen before the time limit
  double mean_ns = 0;     // mean time between observed changes of the domain's energy
  int changes = 0;
  int64_t observed_ns = 0;  // how long the domain was watched (0: not attempted)
};
// Polls the domain's energy (its power, for power-sampling domains) (busy, every poll_ns) for up to
// limit_ns and times its changes.
UpdatePeriod measure_update_period(EnergySource& source, size_t domain, int64_t limit_ns,
                                   int64_t poll_ns = 0);

}  // namespace synergy
