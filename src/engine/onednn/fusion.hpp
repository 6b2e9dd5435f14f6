// Which layers run inside another layer's primitive (folded BatchNorm/Scale, a residual Add as a
// sum post-op, post-op activations).
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
  // Per host convolution: the Add fused as a sum post-op (kNotFused when none), and its other
  // input, which the convolution accumulates into.
  std::vector<int> residual_add;
  std::vector<ValueId> residual;
  // Per node: the value its primitive writes (the last fused node's output, else its own).
  std::vector<ValueId> output;
};

FusionPlan plan_fusion(const Graph& graph, const OnednnOptions& options);

}  // namespace synergy::onednn
