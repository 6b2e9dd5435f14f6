// Softmax along one axis.
#include "graph/ops/common.hpp"

namespace synergy::ops {
namespace {

std::vector<Shape> infer(const Node& node, std::span<const Shape> in) {
  normalize_axis(node.as<SoftmaxAttrs>().axis, in[0].rank());
  return {in[0]};
}

// max, subtract, exp, sum, divide.
LayerCost cost(const Node&, std::span<const Shape> in, std::span<const Shape> out) {
  return elementwise_cost(in, out, 5);
}

}  // namespace

const OpDef& softmax_op() {
  static const OpDef def{"Softmax", OpKind::Softmax, 1, 1, infer, no_params, cost};
  return def;
}

}  // namespace synergy::ops
