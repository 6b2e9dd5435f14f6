#include "report/record.hpp"

namespace synergy {

bool ResultRecord::energy_measured() const {
  return context.energy_provenance == "energy_counter" ||
         context.energy_provenance == "integrated_power";
}

}  // namespace synergy
