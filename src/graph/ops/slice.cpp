// Slice with constant starts, ends, axes and steps (ONNX semantics, ends clamped).
#include <algorithm>

#include "graph/ops/common.hpp"

namespace synergy::ops {
namespace {

std::vector<Shape> infer(const Node& node, std::span<const Shape> in) {
  const auto& a = node.as<SliceAttrs>();
  if (a.starts.size() != a.ends.size()) throw bad_input("Slice starts and ends differ in length");
  if (!a.axes.empty() && a.axes.size() != a.starts.size()) throw bad_input("Slice axes length");
  if (!a.steps.empty() && a.steps.size() != a.starts.size()) throw bad_input("Slice steps length");
  Shape out = in[0];
  for (size_t i = 0; i < a.starts.size(); ++i) {
    const auto axis = static_cast<size_t>(
        normalize_axis(a.axes.empty() ? static_cast<int64_t>(i) : a.axes[i], in[0].rank()));
    const int64_t dim = in[0][axis];
    const int64_t raw_step = a.steps.empty() ? 1 : a.steps[i];
    if (raw_step == 0) throw bad_input("Slice step is 0");
    // Steps beyond the axis length select the same elements; clamping keeps the counts in range.
    const int64_t step = std::clamp(raw_step, -(dim + 1), dim + 1);
    auto clamp = [&](int64_t v, int64_t lo, int64_t hi) {
      if (v < 0) v += dim;
      return std::clamp(v, lo, hi);
    };
    int64_t count = 0;
    if (step > 0) {
      const int64_t s = clamp(a.starts[i], 0, dim), e = clamp(a.ends[i], 0, dim);
      count = e > s ? (e - s + step - 1) / step : 0;
    } else {
      const int64_t s = clamp(a.starts[i], 0, dim - 1), e = clamp(a.ends[i], -1, dim - 1);
      count = s > e ? (s - e - step - 1) / -step : 0;
    }
    out[axis] = count;
  }
  return {out};
}

// Reads only the elements it keeps.
LayerCost cost(const Node&, std::span<const Shape>, std::span<const Shape> out) {
  return io_cost(out, out);
}

}  // namespace

const OpDef& slice_op() {
  static const OpDef def{"Slice", OpKind::Slice, 1, 1, infer, no_params, cost};
  return def;
}

}  // namespace synergy::ops
