// Integrates power samples into energy with the trapezoid rule (for sensors that give only power).
#pragma once

#include <cstdint>

namespace synergy {

class PowerIntegrator {
 public:
  // Adds a sample; returns the cumulative energy in joules since the first sample.
  double add(int64_t t_ns, double power_w);
  double energy_j() const { return energy_j_; }
  // Goes on from this sample without integrating from the last one (the power between is
  // unknown).
  void restart(int64_t t_ns, double power_w);

 private:
  bool started_ = false;
  int64_t last_t_ns_ = 0;
  double last_power_w_ = 0;
  double energy_j_ = 0;
};

}  // namespace synergy
