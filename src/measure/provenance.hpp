// Where an energy figure comes from: said with every number, in sensors, records and the store.
#pragma once

#include <optional>
#include <string_view>

namespace synergy {

enum class Provenance {
  EnergyCounter,    // a hardware energy accumulator (RAPL, NVML total energy)
  IntegratedPower,  // power samples integrated over time (INA3221, hwmon power, meter trace)
  ModelEstimate,    // a model, not a measurement (labelled as such everywhere)
};
const char* provenance_name(Provenance p);  // "measured energy counter", ...
// "energy_counter", "integrated_power" or "model_estimate": the one spelling of sensors, records
// and the store.
const char* provenance_key(Provenance p);
// provenance_key() of a figure's provenance, or "none" where there is no figure.
const char* provenance_key(const std::optional<Provenance>& p);
// The inverse: "none" is no provenance; anything else unknown is bad_input.
std::optional<Provenance> parse_provenance_key(std::string_view key);

}  // namespace synergy
