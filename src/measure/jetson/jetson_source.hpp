// The Jetson boards' INA3221 power monitors: rails VDD_IN, VDD_CPU, VDD_GPU, ... read through the
// iio layout of L4T 28 and 32 (TX1, TX2, Xavier: ina3221x driver, in_power<K>_input in mW,
// rail_name_<K>) or the hwmon layout of newer L4T (Orin: ina3221 driver, in<N>_input mV x
// curr<N>_input mA, in<N>_label).
#pragma once

#include <memory>

#include "measure/energy_source.hpp"
#include "measure/source_options.hpp"

namespace synergy {

std::unique_ptr<EnergySource> make_jetson_source(const SourceOptions& options);

}  // namespace synergy
