// The console table: context, whole-network figures, one line per layer, closure, warnings.
#pragma once

#include <ostream>

#include "report/record.hpp"

namespace synergy {

void write_table(std::ostream& out, const ResultRecord& record);

// "measured energy counter (nvml/gpu0)", "model estimate (...)", "not measured: <reason>".
std::string energy_status_line(const RunContext& context);

}  // namespace synergy
