// Facts about the machine and build that go into every result's context block.
#pragma once

#include <string>

#include "result/record.hpp"

namespace synergy {

// Fills started_at, host, cpu_model, governor and the compiler; the caller adds the rest.
// `sysfs_root` lets tests point at a fake tree ("" = "/").
RunContext machine_context(const std::string& sysfs_root = "");

// Warnings for conditions that make numbers noisy (governor not fixed, debug build).
std::vector<std::string> context_warnings(const RunContext& context);

}  // namespace synergy
