// An energy source made of sysfs value files ("channels"): energy counters (unwrapped), power
// files (integrated), or voltage and current pairs (multiplied, then integrated). RAPL, hwmon and
// the Jetson INA3221 differ only in how they find their channels.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "measure/common/power_integrator.hpp"
#include "measure/common/unwrap.hpp"
#include "measure/energy_source.hpp"

namespace synergy {

struct Channel {
  enum class Kind { Energy, Power, VoltageCurrent };
  Domain domain;
  Kind kind = Kind::Energy;
  std::string path;          // energy, power or voltage file
  std::string current_path;  // VoltageCurrent only
  double scale = 1e-6;       // raw -> joules (Energy), raw -> watts (Power, V x I product)
  uint64_t max_raw = 0;      // Energy: wrap range in raw units (0 = unknown)
  // The most power the channel can report for real: a reading or counter step beyond it is
  // rejected as a fault (0: kMaxPlausiblePowerW).
  double max_power_w = 0.0;
};

// Without a channel's own ceiling, values beyond this are garbage, not power.
inline constexpr double kMaxPlausiblePowerW = 100'000.0;

struct ChannelSourceConfig {
  std::string name;
  Provenance provenance = Provenance::EnergyCounter;
  int64_t declared_update_period_ns = 0;
  std::vector<Channel> channels;
  std::string unavailable_reason;  // used when no channel was found or none can be read
  double max_power_w = 0.0;        // ceiling of the channels that set none (0: kMaxPlausiblePowerW)
  std::function<int64_t()> clock;
};

class ChannelSource : public EnergySource {
 public:
  explicit ChannelSource(ChannelSourceConfig config);

  std::string name() const override { return config_.name; }
  Availability availability() const override { return availability_; }
  std::vector<Domain> domains() const override;
  Provenance provenance() const override { return config_.provenance; }
  int64_t declared_update_period_ns() const override { return config_.declared_update_period_ns; }
  EnergyReading read() override;

 private:
  struct State {
    CounterUnwrapper unwrapper;
    PowerIntegrator integrator;
    bool continuous = true;  // power: the last read succeeded
  };
  void read_channel(size_t i, int64_t t_ns, EnergyReading& out);
  void read_energy(size_t i, int64_t t_ns, EnergyReading& out);
  void read_power(size_t i, int64_t t_ns, EnergyReading& out);
  void probe();

  ChannelSourceConfig config_;
  std::vector<State> state_;
  Availability availability_;
};

}  // namespace synergy
