// Each layer's shapes, MACs and traffic for a run's report, from its network loaded again.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "report/chrome_trace.hpp"
#include "result/record.hpp"

namespace synergy::cli {

// Loads `spec` (the run's model name when empty) at the run's batch. Returns the costs, or none
// and the reason when the network cannot be loaded or its layers are not the run's.
std::pair<std::vector<LayerSliceArgs>, std::string> layer_costs(const ResultRecord& run,
                                                                const std::string& spec);

}  // namespace synergy::cli
