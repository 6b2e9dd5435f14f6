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

// A source that measures nothing: no domains, always available.
std::unique_ptr<EnergySource> make_null_source();

}  // namespace synergy
