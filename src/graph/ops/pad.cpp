// Padding: constant, reflect or edge, with begin and end amounts per axis.
#include "graph/ops/common.hpp"
#include "util/checked.hpp"

namespace synergy::ops {
namespace {

std::vector<Shape> infer(const Node& node, std::span<const Shape> in) {
  const auto& a = node.as<PadAttrs>();
  const size_t r = in[0].rank();
  if (a.pads.size() != 2 * r) throw bad_input("Pad needs 2 * rank pad amounts");
  Shape out = in[0];
  for (size_t i = 0; i < r; ++i) {
    if (a.pads[i] < 0 || a.pads[r + i] < 0)
      throw bad_input("negative Pad amounts are not supported");
    if (a.mode == PadMode::Reflect && (a.pads[i] >= in[0][i] || a.pads[r + i] >= in[0][i])) {
      throw bad_input("reflect Pad amount must be smaller than the axis");
    }
    out[i] = checked_add(checked_add(in[0][i], a.pads[i]), a.pads[r + i], "Pad");
  }
  return {out};
}

LayerCost cost(const Node&, std::span<const Shape> in, std::span<const Shape> out) {
  return io_cost(in, out);
}

}  // namespace

const OpDef& pad_op() {
  static const OpDef def{"Pad", OpKind::Pad, 1, 1, infer, no_params, cost};
  return def;
}

}  // namespace synergy::ops
