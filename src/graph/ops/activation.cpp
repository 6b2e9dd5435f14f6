// Element-wise activations: ReLU, leaky ReLU, clip (ReLU6), sigmoid, hard-sigmoid, hard-swish,
// SiLU, tanh.
#include "graph/ops/common.hpp"

namespace synergy::ops {
namespace {

// Approximate FLOPs per element (exp counted as one).
int64_t flops_per_element(ActivationKind k) {
  switch (k) {
    case ActivationKind::Relu:
      return 1;
    case ActivationKind::LeakyRelu:
    case ActivationKind::Clip:
      return 2;
    case ActivationKind::HardSigmoid:
      return 4;
    case ActivationKind::Sigmoid:
    case ActivationKind::Tanh:
      return 4;
    case ActivationKind::HardSwish:
      return 5;
    case ActivationKind::Silu:
      return 5;
  }
  return 1;
}

LayerCost cost(const Node& node, std::span<const Shape> in, std::span<const Shape> out) {
  return elementwise_cost(in, out, flops_per_element(node.as<ActivationAttrs>().kind));
}

}  // namespace

const OpDef& activation_op() {
  static const OpDef def{"Activation", OpKind::Activation, 1, 1, same_shape, no_params, cost};
  return def;
}

}  // namespace synergy::ops
