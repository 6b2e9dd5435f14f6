// NVIDIA GPUs through NVML: the total energy counter (mJ, changes about every 100 ms) with the
// instantaneous power field, or ("nvml:power") the instantaneous power alone, integrated.
#pragma once

#include <memory>

#include "measure/energy_source.hpp"
#include "measure/source_options.hpp"

namespace synergy {

enum class NvmlMode { EnergyCounter, InstantPower };

std::unique_ptr<EnergySource> make_nvml_source(const SourceOptions& options, NvmlMode mode);

}  // namespace synergy
