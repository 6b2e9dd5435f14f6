// Per-layer energy against a known truth on the real engine, real threads and real contention:
// power that follows the layer being executed, sensors that report it as real ones do (a meter
// exact at each read, a RAPL zone in a fake sysfs tree whose wrapping counter moves every
// millisecond, an NVML-like counter updated every 100 ms and costly to read), and busy
// processes that share the CPU. Used by the CI suite and, longer, by bench/attribution_truth.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/observer.hpp"
#include "measure/energy_source.hpp"
#include "profile/attribution.hpp"

namespace synergy::truth {

// Power that follows the layer running: watts[layer] while it runs (times a factor drawn per
// execution when `noise` > 0, uniform in [1 - noise, 1 + noise]), `base_w` otherwise. The
// engine's thread tells it the layers; any thread asks for the energy so far.
class LayerPower final : public LayerObserver {
 public:
  LayerPower(std::vector<double> watts, double base_w, double noise = 0.0, uint64_t seed = 1);

  bool wants(const Graph&, size_t) const override { return true; }
  void before_layer(size_t layer) override;
  void after_layer(size_t layer) override;

  double energy_j(int64_t t_ns) const;  // since construction, exact
  // The mean power each layer truly drew while it ran (its energy over its time), counted only
  // while `counting` (the attribution phase: the power the profile is to find).
  std::vector<double> layer_power_w() const;
  void counting(bool on);

 private:
  // Switches the power now; the time is read inside, as close to the profiler's own stamp as
  // possible (right before it on entry, right after it on exit).
  void change(double watts, int layer, bool draw_noise);

  mutable std::mutex mutex_;
  std::vector<double> watts_;
  double base_w_;
  double noise_;
  uint64_t rng_;
  // Power changes: at t_[i] the power became p_[i]; e_[i] is the energy up to t_[i].
  std::deque<int64_t> t_;  // deques: appending never moves what is there (no stalls)
  std::deque<double> p_, e_;
  int current_ = -1;
  bool counting_ = false;
  std::vector<double> layer_j_, layer_ns_;
};

enum class SensorKind {
  Meter,  // exact cumulative energy at every read (a meter log, a power monitor)
  Rapl,   // a fake powercap zone rewritten every 1 ms, wrapping at 50 mJ, read by the real source
  Nvml,   // a counter stepping every 100 ms whose read costs 4 ms
};
const char* sensor_name(SensorKind k);

// A sensor over `power`; a Rapl sensor keeps its fake tree and writer thread alive.
std::unique_ptr<EnergySource> make_sensor(SensorKind kind, const LayerPower& power);

struct Case {
  SensorKind sensor = SensorKind::Meter;
  AttributionMethod method = AttributionMethod::Trace;
  int busy = 0;                       // busy processes during the profile
  bool constant = false;              // every layer and the rest at 20 W, else a power per layer
  double noise = 0.0;                 // per-execution power noise (fraction)
  int64_t budget_ns = 3'000'000'000;  // the attribution phase's budget
  uint64_t seed = 1;
  double layer_ci = 0.05;  // the precision target
};

struct LayerOutcome {
  std::string name;
  double share = 0.0;  // of the run time
  double truth_w = 0.0;
  bool measured = false;
  double power_w = 0.0;
  double uncertainty_w = 0.0;  // 95 % half-width
  std::string note;
  double error() const { return (power_w - truth_w) / truth_w; }
  // Held by the 95 % interval, up to double rounding of the sums the estimate is made of.
  bool covered() const { return std::abs(power_w - truth_w) <= uncertainty_w + 1e-9 * truth_w; }
};

struct CaseOutcome {
  std::vector<LayerOutcome> layers;
  double closure_pct = 0.0;  // NaN when no closure
  std::vector<std::string> warnings;
  std::string stop_reason;
  int64_t phase_ns = 0;
};

// Profiles the suite's network on the reference engine under `c`.
CaseOutcome run_case(const Case& c);
std::string describe(const Case& c);

}  // namespace synergy::truth
