// RAPL energy counters through the powercap sysfs tree (Intel, and AMD on recent kernels).
#pragma once

#include <memory>
#include <string>

#include "measure/energy_source.hpp"
#include "measure/source_options.hpp"

namespace synergy {

std::unique_ptr<EnergySource> make_rapl_source(const SourceOptions& options);

// What to tell a user whose energy_uj read was refused (root-only since CVE-2020-8694).
std::string rapl_permission_hint(const std::string& energy_file);

}  // namespace synergy
