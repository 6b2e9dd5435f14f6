#include "measure/energy_source.hpp"

#include "util/error.hpp"

namespace synergy {

const char* provenance_name(Provenance p) {
  switch (p) {
    case Provenance::EnergyCounter:
      return "measured energy counter";
    case Provenance::IntegratedPower:
      return "integrated power samples";
    case Provenance::ModelEstimate:
      return "model estimate (not measured)";
  }
  return "unknown";
}

const char* provenance_key(Provenance p) {
  switch (p) {
    case Provenance::EnergyCounter:
      return "energy_counter";
    case Provenance::IntegratedPower:
      return "integrated_power";
    case Provenance::ModelEstimate:
      return "model_estimate";
  }
  return "unknown";
}

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
