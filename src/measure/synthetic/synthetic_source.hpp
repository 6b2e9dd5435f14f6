// A synthetic sensor driven by a known power-vs-time function, quantised like a real sensor whose
// value changes only every update period. Tests of the profiler, sampler and windows use it to
// check attribution against exactly known energies.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "measure/common/power_integrator.hpp"
#include "measure/energy_source.hpp"

namespace synergy {

struct SyntheticConfig {
  std::string domain = "synthetic";
  // Power in watts at t seconds after start_ns.
  std::function<double(double t_s)> power_w;
  // Optional exact energy from start_ns to t seconds after it (the antiderivative of power_w,
  // zero at 0). Without it the source integrates power_w numerically (Simpson's rule).
  std::function<double(double t_s)> energy_j;
  int64_t update_period_ns = 100'000'000;
  // EnergyCounter: reports the exact energy up to the latest update edge (like NVML total energy)
  // and the average power of the last period. IntegratedPower: reports the power sampled at the
  // latest edge (held until the next) and integrates it between reads, like a power monitor.
  Provenance provenance = Provenance::EnergyCounter;
  std::function<int64_t()> clock;      // empty = now_ns
  int64_t start_ns = -1;               // -1: the clock at construction
  std::function<bool(int64_t)> fails;  // optional: true where a read at t_ns must fail
};

class SyntheticSource : public EnergySource {
 public:
  explicit SyntheticSource(SyntheticConfig config);

  std::string name() const override { return "synthetic"; }
  Availability availability() const override { return {true, ""}; }
  std::vector<Domain> domains() const override;
  Provenance provenance() const override { return config_.provenance; }
  int64_t declared_update_period_ns() const override { return config_.update_period_ns; }
  EnergyReading read() override;

  // The exact energy (J) between start and monotonic time t_ns, not quantised.
  double exact_energy_j(int64_t t_ns);
  // The latest update edge at or before t_ns.
  int64_t last_edge_ns(int64_t t_ns) const;
  int64_t start_ns() const { return config_.start_ns; }

 private:
  double simpson(double a_s, double b_s) const;
  double edge_s(int64_t k) const;
  // Numeric energy up to update edge k (k periods after start), advancing a cache of the last
  // two edges so that sampling forward costs one period's integral per new edge.
  double energy_at_edge(int64_t k);

  SyntheticConfig config_;
  PowerIntegrator integrator_;
  struct EdgeEnergy {
    int64_t k = 0;
    double e_j = 0;
  };
  EdgeEnergy last_{};      // the latest edge integrated
  EdgeEnergy previous_{};  // the one before it
};

}  // namespace synergy
