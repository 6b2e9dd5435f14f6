// Element-wise add and multiply with numpy broadcasting (residual adds, squeeze-excitation).
#include <algorithm>

#include "graph/ops/common.hpp"

namespace synergy::ops {
namespace {

std::vector<Shape> infer(const Node&, std::span<const Shape> in) {
  const size_t rank = std::max(in[0].rank(), in[1].rank());
  Shape out;
  out.dims.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    const size_t a_off = rank - in[0].rank(), b_off = rank - in[1].rank();
    const int64_t a = i >= a_off ? in[0][i - a_off] : 1;
    const int64_t b = i >= b_off ? in[1][i - b_off] : 1;
    if (a != b && a != 1 && b != 1) {
      throw bad_input("shapes " + in[0].str() + " and " + in[1].str() + " do not broadcast");
    }
    out[i] = a == 1 ? b : a;
  }
  return {out};
}

LayerCost cost(const Node&, std::span<const Shape> in, std::span<const Shape> out) {
  return elementwise_cost(in, out, 1);
}

}  // namespace

const OpDef& binary_op() {
  static const OpDef def{"Binary", OpKind::Binary, 2, 2, infer, no_params, cost};
  return def;
}

}  // namespace synergy::ops
