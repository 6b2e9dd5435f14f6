// Batch normalisation at inference: per-channel affine transform from running statistics.
#include "graph/ops/common.hpp"

namespace synergy::ops {
namespace {

std::vector<ParamSpec> params(const Node&, std::span<const Shape> in) {
  const Shape c{channels_of(in[0])};
  return {{"scale", c, ParamInit::One, 1},
          {"bias", c, ParamInit::Small, 1},
          {"mean", c, ParamInit::Small, 1},
          {"variance", c, ParamInit::Variance, 1}};
}

// Two FLOPs per element once folded into a multiply-add.
LayerCost cost(const Node& node, std::span<const Shape> in, std::span<const Shape> out) {
  LayerCost c = elementwise_cost(in, out, 2);
  add_param_cost(c, params(node, in));
  return c;
}

}  // namespace

const OpDef& batch_norm_op() {
  static const OpDef def{"BatchNorm", OpKind::BatchNorm, 1, 1, same_shape, params, cost};
  return def;
}

}  // namespace synergy::ops
