// The kernels a backend would run for a network, found by compiling it (nothing is run).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "graph/graph.hpp"
#include "predict/kernel/kernels.hpp"

namespace synergy::cli {

struct CompiledLayout {
  predict::KernelLayout layout;
  std::vector<std::pair<std::string, std::string>> libraries;  // the backend's, name -> version
};

// Compiles `graph` on `backend` with `threads` in `precision` ("" = fp32) and reads which layers
// it fuses and which are views. Throws as the engine does on a backend that cannot run the graph
// (or not in that precision).
CompiledLayout kernel_layout(const Graph& graph, const std::string& backend, int threads,
                             const std::string& precision);

}  // namespace synergy::cli
