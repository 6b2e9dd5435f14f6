// What went wrong with a sensor's readings during a profile: rejected and restarted readings by
// kind (each with the first reason and when), and stalls (no change of value for much longer than
// the sensor's update period). Faults change a result's status, never its numbers: the readings
// they touch are left out of every figure, and the result says how many and why.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "measure/energy_source.hpp"

namespace synergy {

struct SensorFaultCount {
  ReadFault fault = ReadFault::None;
  int64_t count = 0;
  int64_t first_ns = 0;  // monotonic instants of the first and last such reading
  int64_t last_ns = 0;
  std::string example;  // the first one's reason
};

// A stall: the value did not change for more than this many update periods (and 20 ms).
inline constexpr int64_t kStallPeriods = 20;

struct SensorHealth {
  int64_t readings = 0;
  std::vector<SensorFaultCount> faults;  // one per kind, in order of first appearance
  int64_t stalls = 0;
  int64_t longest_stall_ns = 0;
  int64_t longest_stall_at_ns = 0;  // where the longest stall began

  // Counts the readings of one domain; update_period_ns 0: stalls are not judged.
  void add(const std::vector<EnergyReading>& taken, size_t domain, int64_t update_period_ns);
  int64_t faulty() const;  // readings with a fault of any kind
  bool any() const { return faulty() > 0 || stalls > 0; }
  // One line per kind, times in seconds from origin_ns: "12 of 5000 readings implausible (from
  // 2.01 s to 2.02 s; first: ...)".
  std::vector<std::string> lines(int64_t origin_ns) const;
};

}  // namespace synergy
