// Max and average pooling, windowed or global; floor (ONNX) or ceil (Caffe) output rounding.
#include "graph/ops/common.hpp"
#include "util/checked.hpp"

namespace synergy::ops {
namespace {

std::vector<Shape> infer(const Node& node, std::span<const Shape> in) {
  const auto& a = node.as<PoolAttrs>();
  require_rank(in[0], 4, "Pool input");
  if (a.global) return {Shape{in[0][0], in[0][1], 1, 1}};
  const int64_t h =
      window_out(in[0][2], a.kernel.h, a.stride.h, 1, a.pads.top, a.pads.bottom, a.rounding);
  const int64_t w =
      window_out(in[0][3], a.kernel.w, a.stride.w, 1, a.pads.left, a.pads.right, a.rounding);
  return {Shape{in[0][0], in[0][1], h, w}};
}

// 0 MACs; one compare or add per window element, plus one divide per output for average.
LayerCost cost(const Node& node, std::span<const Shape> in, std::span<const Shape> out) {
  const auto& a = node.as<PoolAttrs>();
  LayerCost c = io_cost(in, out);
  const int64_t window =
      a.global ? checked_mul(in[0][2], in[0][3]) : checked_mul(a.kernel.h, a.kernel.w, "window");
  c.flops = checked_mul(out[0].numel(), window, "FLOPs");
  if (a.kind == PoolKind::Average) c.flops = checked_add(c.flops, out[0].numel(), "FLOPs");
  return c;
}

}  // namespace

const OpDef& pool_op() {
  static const OpDef def{"Pool", OpKind::Pool, 1, 1, infer, no_params, cost};
  return def;
}

}  // namespace synergy::ops
