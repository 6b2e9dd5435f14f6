#include "measure/provenance.hpp"

#include <string>

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

const char* provenance_key(const std::optional<Provenance>& p) {
  return p ? provenance_key(*p) : "none";
}

std::optional<Provenance> parse_provenance_key(std::string_view key) {
  if (key == "none") return std::nullopt;
  for (Provenance p :
       {Provenance::EnergyCounter, Provenance::IntegratedPower, Provenance::ModelEstimate})
    if (key == provenance_key(p)) return p;
  throw bad_input("unknown energy provenance '" + std::string(key) +
                  "'; known: energy_counter, integrated_power, model_estimate, none");
}

}  // namespace synergy
