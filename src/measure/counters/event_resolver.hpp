// Turns an event name into a perf_event encoding: the kernel's generic events ("task-clock",
// "page-faults", "instructions", "LLC-load-misses"), libpfm4 names
// ("FP_ARITH_INST_RETIRED:SCALAR_DOUBLE", "icl::LONGEST_LAT_CACHE:MISS"), raw codes ("raw:0x74" on
// the CPU's own PMU) and alternatives tried in order ("ASE_SPEC|raw:0x74").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace synergy {

struct EventEncoding {
  bool ok = false;
  std::string name;       // the alternative that resolved
  std::string canonical;  // libpfm4's full name, or "raw 0x.."
  uint32_t type = 0;      // perf_event_attr.type
  uint64_t config = 0, config1 = 0, config2 = 0;
  bool exclude_kernel = true;
  std::string error;  // why it did not resolve
};

EventEncoding resolve_event(const std::string& spec);

// The PMUs libpfm4 detects on this CPU ("icl", "arm_ac57", "amd64_fam19h_zen3", "perf", ...);
// "arm_pmuv3" on an aarch64 core libpfm4 has no table for (its architectural events only).
std::vector<std::string> detected_pmus();

}  // namespace synergy
