// Mean over axes (global average pooling written as ReduceMean, squeeze-excitation).
#include "graph/ops/common.hpp"
#include "util/checked.hpp"

namespace synergy::ops {
namespace {

std::vector<Shape> infer(const Node& node, std::span<const Shape> in) {
  const auto& a = node.as<ReduceMeanAttrs>();
  const size_t r = in[0].rank();
  std::vector<bool> reduce(r, a.axes.empty());
  for (int64_t ax : a.axes) reduce[static_cast<size_t>(normalize_axis(ax, r))] = true;
  Shape out;
  for (size_t i = 0; i < r; ++i) {
    if (!reduce[i]) {
      out.dims.push_back(in[0][i]);
    } else if (a.keepdims) {
      out.dims.push_back(1);
    }
  }
  return {out};
}

// One add per input element, one divide per output element.
LayerCost cost(const Node&, std::span<const Shape> in, std::span<const Shape> out) {
  LayerCost c = io_cost(in, out);
  c.flops = checked_add(in[0].numel(), out[0].numel(), "FLOPs");
  return c;
}

}  // namespace

const OpDef& reduce_mean_op() {
  static const OpDef def{"ReduceMean", OpKind::ReduceMean, 1, 1, infer, no_params, cost};
  return def;
}

}  // namespace synergy::ops
