// Transpose by a permutation (channel shuffle: reshape, transpose, reshape).
#include "graph/ops/common.hpp"

namespace synergy::ops {
namespace {

std::vector<Shape> infer(const Node& node, std::span<const Shape> in) {
  const Dims& perm = node.as<TransposeAttrs>().perm;
  const size_t r = in[0].rank();
  if (perm.size() != r) throw bad_input("Transpose perm length differs from input rank");
  std::vector<bool> seen(r, false);
  Shape out = in[0];
  for (size_t i = 0; i < r; ++i) {
    const auto p = static_cast<size_t>(normalize_axis(perm[i], r));
    if (seen[p]) throw bad_input("Transpose perm repeats an axis");
    seen[p] = true;
    out[i] = in[0][p];
  }
  return {out};
}

LayerCost cost(const Node&, std::span<const Shape> in, std::span<const Shape> out) {
  return io_cost(in, out);
}

}  // namespace

const OpDef& transpose_op() {
  static const OpDef def{"Transpose", OpKind::Transpose, 1, 1, infer, no_params, cost};
  return def;
}

}  // namespace synergy::ops
