// Per-channel scale and optional bias (Caffe's Scale layer after BatchNorm).
#include "graph/ops/common.hpp"

namespace synergy::ops {
namespace {

std::vector<ParamSpec> params(const Node& node, std::span<const Shape> in) {
  const Shape c{channels_of(in[0])};
  std::vector<ParamSpec> p{{"scale", c, ParamInit::One, 1}};
  if (node.as<ScaleAttrs>().has_bias) p.push_back({"bias", c, ParamInit::Small, 1});
  return p;
}

LayerCost cost(const Node& node, std::span<const Shape> in, std::span<const Shape> out) {
  LayerCost c = elementwise_cost(in, out, node.as<ScaleAttrs>().has_bias ? 2 : 1);
  add_param_cost(c, params(node, in));
  return c;
}

}  // namespace

const OpDef& scale_op() {
  static const OpDef def{"Scale", OpKind::Scale, 1, 1, same_shape, params, cost};
  return def;
}

}  // namespace synergy::ops
