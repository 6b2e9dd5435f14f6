// Per-layer CSV: one row per layer; a cell is empty where a quantity was not measured.
#pragma once

#include <ostream>

#include "report/record.hpp"

namespace synergy {

void write_layers_csv(std::ostream& out, const ResultRecord& record);

}  // namespace synergy
