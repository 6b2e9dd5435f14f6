// The kernels a backend would run for a network, found by compiling it (nothing is run).
#pragma once

#include <string>

#include "graph/graph.hpp"
#include "predict/kernel/kernels.hpp"

namespace synergy::cli {

// Compiles `graph` on `backend` with `threads` and reads which layers it fuses and which are
// views. Throws as the engine does on a backend that cannot run the graph.
predict::KernelLayout kernel_layout(const Graph& graph, const std::string& backend, int threads);

}  // namespace synergy::cli
