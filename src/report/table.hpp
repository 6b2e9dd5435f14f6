// The console table: context, whole-network figures, one line per layer, closure, warnings.
#pragma once

#include <ostream>

#include "result/record.hpp"
#include "result/type_summary.hpp"

namespace synergy {

// How the per-type section is shown: the `top_types` largest (0: all) by `type_order`.
struct TableOptions {
  size_t top_types = 0;
  TypeOrder type_order = TypeOrder::Time;
};

void write_table(std::ostream& out, const ResultRecord& record, const TableOptions& options = {});

// "measured energy counter (nvml/gpu0)", "model estimate (...)", "not measured: <reason>".
std::string energy_status_line(const RunContext& context);

}  // namespace synergy
