// The energy source factory: one explicit table from a name to a constructor.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "measure/energy_source.hpp"
#include "measure/source_options.hpp"

namespace synergy {

// spec: "rapl" | "rapl:perf" | "nvml" | "nvml:power" | "hwmon" | "jetson" | "trace:FILE" |
//       "estimate[:TDP_W[:IDLE_W]]" | "none".
// An unknown name throws bad_input listing the known ones; a source that exists but cannot be used
// here is returned anyway, with availability() saying why (see require_available).
std::unique_ptr<EnergySource> make_energy_source(std::string_view spec,
                                                 const SourceOptions& options);

struct SourceSpecHelp {
  std::string spec;
  std::string summary;
};
const std::vector<SourceSpecHelp>& energy_source_specs();

// The sources worth probing on an unknown machine (no arguments needed).
std::vector<std::string> probe_source_names();

// The source a profile measures with: `spec` as make_energy_source takes it (refused unless
// available), none for "none", or for "auto" the first of probe_source_names() available here
// with a domain; without one, `unavailable` says why, in a line.
struct ChosenSource {
  std::unique_ptr<EnergySource> source;  // null: energy is not measured
  std::string unavailable;
};
ChosenSource choose_energy_source(std::string_view spec, const SourceOptions& options);

// The index of the domain named `name` ("" = the first): bad_input naming the known ones, or
// unavailable when the source has none.
size_t domain_index(const EnergySource& s, std::string_view name);

// A source that measures nothing: no domains, always available.
std::unique_ptr<EnergySource> make_null_source();

}  // namespace synergy
