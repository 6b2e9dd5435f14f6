// The per-layer-type summary as a console section.
#pragma once

#include <ostream>
#include <vector>

#include "result/type_summary.hpp"

namespace synergy {

// The console section over every type (as summarize_by_type orders them): "by layer type (N of
// M types, by time)" and a line for each of the first `top` (0: all).
void write_type_table(std::ostream& out, const std::vector<TypeSummary>& all_types, size_t top,
                      TypeOrder order);

}  // namespace synergy
