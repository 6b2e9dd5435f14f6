// A live measurement window that starts and ends on a sensor's update edges. A sensor whose value
// changes only every P ms quantises any window to whole periods; a window bounded by two observed
// changes spans exactly the energy of the updates between them, with no quantisation error at its
// ends. (Windows over recorded readings are profile's edge_aligned_window, on SensorIntervals.)
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "measure/energy_source.hpp"

namespace synergy {

struct EnergyWindow {
  bool valid = false;
  std::string reason;    // why not valid
  int64_t begin_ns = 0;  // time the first edge was observed
  int64_t end_ns = 0;    // time the last edge was observed
  double energy_j = 0;   // energy between the two edges
  int updates = 0;       // sensor updates inside the window
  double average_power_w() const {
    return end_ns > begin_ns ? energy_j / (static_cast<double>(end_ns - begin_ns) * 1e-9) : 0;
  }
};

struct EdgeWaitOptions {
  int64_t poll_ns = 200'000;           // between reads while waiting for an edge (0: spin)
  int64_t timeout_ns = 0;              // 0: 5 declared update periods, or 2 s when unknown
  std::function<void(int64_t)> sleep;  // empty: std::this_thread::sleep_for
};

// A live window: begin() waits for the next update edge, end() waits for the next edge after the
// work and returns the energy between the two. The edges are observed to within poll_ns.
class EdgeAlignedWindow {
 public:
  EdgeAlignedWindow(EnergySource& source, size_t domain, EdgeWaitOptions options = {});
  // Returns false (with reason()) when the sensor did not change before the timeout.
  bool begin();
  EnergyWindow end();
  const std::string& reason() const { return reason_; }

 private:
  bool wait_for_edge(EnergyReading& edge);
  void pause() const;

  EnergySource& source_;
  size_t domain_;
  EdgeWaitOptions options_;
  EnergyReading begin_;
  bool begun_ = false;
  std::string reason_;
};

}  // namespace synergy
