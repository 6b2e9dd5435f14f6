// Local response normalisation (AlexNet, GoogLeNet), across or within channels.
#include "graph/ops/common.hpp"
#include "util/checked.hpp"

namespace synergy::ops {
namespace {

std::vector<Shape> infer(const Node& node, std::span<const Shape> in) {
  const auto& a = node.as<LrnAttrs>();
  require_rank(in[0], 4, "LRN input");
  if (a.size < 1) throw bad_input("LRN size must be >= 1");
  return {in[0]};
}

// Per element: size (or size^2 within a channel) squares and adds, then scale, pow and divide.
LayerCost cost(const Node& node, std::span<const Shape> in, std::span<const Shape> out) {
  const auto& a = node.as<LrnAttrs>();
  const int64_t window = a.across_channels ? a.size : checked_mul(a.size, a.size);
  return elementwise_cost(in, out, checked_add(checked_mul(window, 2), 4));
}

}  // namespace

const OpDef& lrn_op() {
  static const OpDef def{"LRN", OpKind::Lrn, 1, 1, infer, no_params, cost};
  return def;
}

}  // namespace synergy::ops
