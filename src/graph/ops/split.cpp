// Split one tensor into parts along an axis (one output per part).
#include "graph/ops/common.hpp"
#include "util/checked.hpp"

namespace synergy::ops {
namespace {

std::vector<Shape> infer(const Node& node, std::span<const Shape> in) {
  const auto& a = node.as<SplitAttrs>();
  const auto axis = static_cast<size_t>(normalize_axis(a.axis, in[0].rank()));
  if (a.sizes.empty()) throw bad_input("Split needs at least one part");
  if (a.sizes.size() != node.outputs.size()) {
    throw bad_input("Split has " + std::to_string(a.sizes.size()) + " parts but " +
                    std::to_string(node.outputs.size()) + " outputs");
  }
  int64_t sum = 0;
  std::vector<Shape> out;
  for (int64_t s : a.sizes) {
    if (s < 0) throw bad_input("Split part size is negative");
    sum = checked_add(sum, s, "Split");
    Shape part = in[0];
    part[axis] = s;
    out.push_back(part);
  }
  if (sum != in[0][axis]) {
    throw bad_input("Split parts sum to " + std::to_string(sum) + ", axis has " +
                    std::to_string(in[0][axis]));
  }
  return out;
}

LayerCost cost(const Node&, std::span<const Shape> in, std::span<const Shape> out) {
  return io_cost(in, out);
}

}  // namespace

const OpDef& split_op() {
  static const OpDef def{"Split", OpKind::Split, 1, 1, infer, no_params, cost};
  return def;
}

}  // namespace synergy::ops
