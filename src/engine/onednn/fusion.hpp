// Which layers run inside another layer's primitive (folded BatchNorm/Scale, post-op activations).
#pragma once

#include <cstddef>
#include <vector>

#include "engine/onednn/onednn_backend.hpp"
#include "graph/graph.hpp"

namespace synergy::onednn {

struct FusionPlan {
  static constexpr int kNotFused = -1;
  // Per node: the node whose primitive runs it, or kNotFused.
  std::vector<int> host;
  // Per host node, in graph order: the BatchNorm/Scale nodes folded into it, then the
  // activation nodes applied as post-ops.
  std::vector<std::vector<size_t>> affine;
  std::vector<std::vector<size_t>> activations;
  // Per node: the value its primitive writes (the last fused node's output, else its own).
  std::vector<ValueId> output;
};

FusionPlan plan_fusion(const Graph& graph, const OnednnOptions& options);

}  // namespace synergy::onednn
