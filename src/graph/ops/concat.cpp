// Concatenation along one axis (Inception, DenseNet, SqueezeNet fire modules).
#include "graph/ops/common.hpp"
#include "util/checked.hpp"

namespace synergy::ops {
namespace {

std::vector<Shape> infer(const Node& node, std::span<const Shape> in) {
  const int64_t axis = normalize_axis(node.as<ConcatAttrs>().axis, in[0].rank());
  Shape out = in[0];
  for (size_t i = 1; i < in.size(); ++i) {
    if (in[i].rank() != out.rank()) throw bad_input("Concat inputs differ in rank");
    for (size_t d = 0; d < out.rank(); ++d) {
      if (static_cast<int64_t>(d) == axis) continue;
      if (in[i][d] != out[d]) {
        throw bad_input("Concat input " + std::to_string(i) + " has shape " + in[i].str() +
                        ", incompatible with " + in[0].str() + " off axis " + std::to_string(axis));
      }
    }
    out[static_cast<size_t>(axis)] =
        checked_add(out[static_cast<size_t>(axis)], in[i][static_cast<size_t>(axis)], "Concat");
  }
  return {out};
}

LayerCost cost(const Node&, std::span<const Shape> in, std::span<const Shape> out) {
  return io_cost(in, out);
}

}  // namespace

const OpDef& concat_op() {
  static const OpDef def{"Concat", OpKind::Concat, 1, 1024, infer, no_params, cost};
  return def;
}

}  // namespace synergy::ops
