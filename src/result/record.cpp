#include "result/record.hpp"

#include <algorithm>

namespace synergy {

bool ResultRecord::energy_measured() const {
  return context.energy_provenance == Provenance::EnergyCounter ||
         context.energy_provenance == Provenance::IntegratedPower;
}

bool ResultRecord::has_samples() const {
  return network.time_ns.count > 0 || std::any_of(layers.begin(), layers.end(), [](const auto& l) {
           return l.time_ns.count > 0;
         });
}

}  // namespace synergy
