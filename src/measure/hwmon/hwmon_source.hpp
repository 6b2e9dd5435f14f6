// Generic hwmon power, energy and voltage x current channels under /sys/class/hwmon.
#pragma once

#include <memory>

#include "measure/energy_source.hpp"
#include "measure/source_options.hpp"

namespace synergy {

std::unique_ptr<EnergySource> make_hwmon_source(const SourceOptions& options);

}  // namespace synergy
