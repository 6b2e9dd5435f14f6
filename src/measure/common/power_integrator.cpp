#include "measure/common/power_integrator.hpp"

namespace synergy {

double PowerIntegrator::add(int64_t t_ns, double power_w) {
  if (started_ && t_ns > last_t_ns_) {
    double dt_s = static_cast<double>(t_ns - last_t_ns_) * 1e-9;
    energy_j_ += 0.5 * (power_w + last_power_w_) * dt_s;
  }
  started_ = true;
  last_t_ns_ = t_ns;
  last_power_w_ = power_w;
  return energy_j_;
}

void PowerIntegrator::restart(int64_t t_ns, double power_w) {
  started_ = true;
  last_t_ns_ = t_ns;
  last_power_w_ = power_w;
}

}  // namespace synergy
