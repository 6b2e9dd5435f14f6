// RAPL through the kernel's perf "power" PMU (/sys/bus/event_source/devices/power): 64-bit
// counters that do not wrap, readable without opening energy_uj to everyone, but system-wide
// events need kernel.perf_event_paranoid <= 0, CAP_PERFMON or root.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "measure/energy_source.hpp"
#include "measure/source_options.hpp"

namespace synergy {

std::unique_ptr<EnergySource> make_rapl_perf_source(const SourceOptions& options);

// "event=0x02" -> 2 (other terms are not used by the power PMU); false if malformed.
bool parse_perf_event_config(const std::string& text, uint64_t& config);
// "0,28" or "0-3,8" -> cpu numbers; false if malformed.
bool parse_cpu_list(const std::string& text, std::vector<int>& cpus);

}  // namespace synergy
