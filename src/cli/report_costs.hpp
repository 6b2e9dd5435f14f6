// Each layer's shapes, MACs and traffic for a run's report: records carry them; for one from
// before they did, they come from its network loaded again.
#pragma once

#include <string>

#include "result/record.hpp"

namespace synergy::cli {

// Fills the run's layer costs from `spec` (the run's model name when empty) at the run's batch,
// unless the record has them and no `spec` is given. Returns "" or why they are missing (the
// network cannot be loaded, or its layers are not the run's).
std::string complete_layer_costs(ResultRecord& run, const std::string& spec);

}  // namespace synergy::cli
