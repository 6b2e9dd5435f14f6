// Flatten to 2-D: [d0*..*d(axis-1), d(axis)*..*dn].
#include "graph/ops/common.hpp"
#include "util/checked.hpp"

namespace synergy::ops {
namespace {

std::vector<Shape> infer(const Node& node, std::span<const Shape> in) {
  const int64_t axis = node.as<FlattenAttrs>().axis;
  const auto r = static_cast<int64_t>(in[0].rank());
  if (axis < -r || axis > r)
    throw bad_input("Flatten axis " + std::to_string(axis) + " out of range");
  const int64_t a = axis < 0 ? axis + r : axis;
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < r; ++i) {
    int64_t& side = i < a ? outer : inner;
    side = checked_mul(side, in[0][static_cast<size_t>(i)], "Flatten");
  }
  return {Shape{outer, inner}};
}

// A view: no arithmetic, no traffic.
LayerCost cost(const Node&, std::span<const Shape>, std::span<const Shape>) {
  return {};
}

}  // namespace

const OpDef& flatten_op() {
  static const OpDef def{"Flatten", OpKind::Flatten, 1, 1, infer, no_params, cost};
  return def;
}

}  // namespace synergy::ops
