// Runs a fuzzed graph that imported on the reference backend, under a size cap: every failure must
// be a synergy::Error, never a crash or undefined behaviour.
#pragma once

#include "graph/graph.hpp"

namespace synergy::fuzz {

// Materializes params and runs one inference when the graph is small enough (at most
// kMaxMacs multiply-accumulates and kMaxElements elements in values and params); otherwise
// does nothing.
void run_if_small(Graph graph);

}  // namespace synergy::fuzz
