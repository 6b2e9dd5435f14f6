#include "measure/energy_source.hpp"

#include "util/error.hpp"

namespace synergy {

ReadFault EnergyReading::fault(size_t domain) const {
  if (domain < faults.size()) return faults[domain];
  const bool ok = domain < valid.size() && valid[domain];
  return ok ? ReadFault::None : ReadFault::Unreadable;
}

void require_available(const EnergySource& source) {
  Availability a = source.availability();
  if (!a.available) throw unavailable(source.name() + ": " + a.reason);
}

}  // namespace synergy
