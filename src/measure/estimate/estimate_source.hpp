// A model estimate for machines with no sensor: power = idle + (TDP - idle) x CPU utilisation
// (from /proc/stat), integrated over time. Labelled a model estimate everywhere; never measured.
#pragma once

#include <memory>

#include "measure/energy_source.hpp"
#include "measure/source_options.hpp"

namespace synergy {

std::unique_ptr<EnergySource> make_estimate_source(const SourceOptions& options);

// Busy and total jiffies of the aggregate "cpu" line of a /proc/stat text; false if malformed.
bool parse_proc_stat(const std::string& text, uint64_t& busy, uint64_t& total);

}  // namespace synergy
