// Shared check: a graph exported to ONNX and imported back has the same layers and costs.
#pragma once

#include "graph/graph.hpp"

namespace synergy {

void expect_same_costs_after_round_trip(const Graph& graph);
// A small network with every op kind and the variants that need care in ONNX.
Graph every_op();

}  // namespace synergy
