// Mapping rules: Reshape, Squeeze, Unsqueeze, Concat, Split, Slice, Transpose, Pad, ReduceMean.
#include <algorithm>

#include "io/onnx/rules.hpp"

namespace synergy::onnx_io::rules {
namespace {

constexpr int64_t kMaxStep = int64_t{1} << 40;

// A target's batch dimension becomes 0 (copy the input's) so set_batch can change it later.
Dims batch_relative(const LowerContext& ctx, Dims target, const Shape& in) {
  if (!target.empty() && in.rank() > 0 && target[0] == ctx.file_batch() &&
      in[0] == ctx.file_batch()) {
    target[0] = 0;
  }
  return target;
}

void reshape_to(LowerContext& ctx, const OnnxNode& n, ValueId x, Dims target) {
  ctx.emit(n, ReshapeAttrs{batch_relative(ctx, std::move(target), ctx.shape(x))}, {x});
}

int64_t axis_in(int64_t axis, size_t rank) {
  const auto r = static_cast<int64_t>(rank);
  if (axis < -r || axis >= r) throw bad_input("axis " + std::to_string(axis) + " out of range");
  return axis < 0 ? axis + r : axis;
}

std::vector<int64_t> axes_input_or_attr(const LowerContext& ctx, const OnnxNode& n) {
  if (ctx.opset() >= 13) return optional_ints(ctx, n, 1);
  return attr_ints(n, "axes").value_or(std::vector<int64_t>{});
}

std::string pad_mode(const OnnxNode& n, PadMode& mode) {
  const std::string m = attr_string(n, "mode", "constant");
  if (m == "constant") {
    mode = PadMode::Constant;
  } else if (m == "reflect") {
    mode = PadMode::Reflect;
  } else if (m == "edge") {
    mode = PadMode::Edge;
  } else {
    throw unsupported("Pad mode '" + m + "'");
  }
  return m;
}

}  // namespace

void reshape(LowerContext& ctx, const OnnxNode& n) {
  const ValueId x = ctx.value(n, 0);
  Dims target = ctx.constant(n, 1).to_ints();
  if (attr_int(n, "allowzero", 0) != 0) {
    for (int64_t d : target)
      if (d == 0) throw unsupported("Reshape with allowzero=1 and a 0 in the target");
  }
  reshape_to(ctx, n, x, std::move(target));
}

void squeeze(LowerContext& ctx, const OnnxNode& n) {
  const ValueId x = ctx.value(n, 0);
  const Shape& in = ctx.shape(x);
  const auto axes = axes_input_or_attr(ctx, n);
  std::vector<bool> drop(in.rank(), axes.empty());
  for (int64_t a : axes) {
    const auto i = static_cast<size_t>(axis_in(a, in.rank()));
    if (in[i] != 1)
      throw bad_input("Squeeze of axis " + std::to_string(a) + " whose size is not 1");
    drop[i] = true;
  }
  Dims target;
  for (size_t i = 0; i < in.rank(); ++i)
    if (!(drop[i] && in[i] == 1)) target.push_back(in[i]);
  reshape_to(ctx, n, x, std::move(target));
}

void unsqueeze(LowerContext& ctx, const OnnxNode& n) {
  const ValueId x = ctx.value(n, 0);
  const Shape& in = ctx.shape(x);
  const auto axes = axes_input_or_attr(ctx, n);
  const size_t rank = in.rank() + axes.size();
  std::vector<bool> inserted(rank, false);
  for (int64_t a : axes) {
    const auto i = static_cast<size_t>(axis_in(a, rank));
    if (inserted[i]) throw bad_input("Unsqueeze repeats axis " + std::to_string(a));
    inserted[i] = true;
  }
  Dims target;
  size_t next = 0;
  for (size_t i = 0; i < rank; ++i) target.push_back(inserted[i] ? 1 : in[next++]);
  reshape_to(ctx, n, x, std::move(target));
}

void concat(LowerContext& ctx, const OnnxNode& n) {
  std::vector<ValueId> inputs;
  for (size_t i = 0; i < n.inputs.size(); ++i) inputs.push_back(ctx.value(n, i));
  if (inputs.empty()) throw bad_input("Concat needs inputs");
  if (!has_attr(n, "axis")) throw bad_input("Concat needs an axis");
  ctx.emit(n, ConcatAttrs{attr_int(n, "axis", 1)}, std::move(inputs));
}

void split(LowerContext& ctx, const OnnxNode& n) {
  const ValueId x = ctx.value(n, 0);
  const Shape& in = ctx.shape(x);
  SplitAttrs a{attr_int(n, "axis", 0), {}};
  a.sizes = ctx.opset() >= 13 ? optional_ints(ctx, n, 1)
                              : attr_ints(n, "split").value_or(std::vector<int64_t>{});
  if (a.sizes.empty()) {
    const auto parts = static_cast<int64_t>(n.outputs.size());
    const int64_t dim = in[static_cast<size_t>(axis_in(a.axis, in.rank()))];
    if (parts == 0 || dim % parts != 0) throw bad_input("Split cannot divide the axis evenly");
    a.sizes.assign(static_cast<size_t>(parts), dim / parts);
  }
  ctx.emit(n, a, {x}, {}, n.outputs.size());
}

void slice(LowerContext& ctx, const OnnxNode& n) {
  const ValueId x = ctx.value(n, 0);
  SliceAttrs a;
  if (ctx.opset() >= 10) {
    a.starts = ctx.constant(n, 1).to_ints();
    a.ends = ctx.constant(n, 2).to_ints();
    a.axes = optional_ints(ctx, n, 3);
    a.steps = optional_ints(ctx, n, 4);
    // Steps beyond any axis length select the same elements; bounding them keeps the shape
    // arithmetic far from 64-bit overflow.
    for (int64_t& step : a.steps) step = std::clamp(step, -kMaxStep, kMaxStep);
  } else {
    a.starts = attr_ints(n, "starts").value_or(std::vector<int64_t>{});
    a.ends = attr_ints(n, "ends").value_or(std::vector<int64_t>{});
    a.axes = attr_ints(n, "axes").value_or(std::vector<int64_t>{});
  }
  ctx.emit(n, a, {x});
}

void transpose(LowerContext& ctx, const OnnxNode& n) {
  const ValueId x = ctx.value(n, 0);
  TransposeAttrs a{attr_ints(n, "perm").value_or(std::vector<int64_t>{})};
  if (a.perm.empty()) {
    for (size_t i = ctx.shape(x).rank(); i-- > 0;) a.perm.push_back(static_cast<int64_t>(i));
  }
  ctx.emit(n, a, {x});
}

// Pads are an attribute before opset 11 and a constant input from then on.
void pad(LowerContext& ctx, const OnnxNode& n) {
  const ValueId x = ctx.value(n, 0);
  PadAttrs a;
  pad_mode(n, a.mode);
  if (ctx.opset() < 11) {
    a.pads = attr_ints(n, "pads").value_or(std::vector<int64_t>{});
    a.value = attr_float(n, "value", 0.0f);
  } else {
    a.pads = ctx.constant(n, 1).to_ints();
    if (ctx.present(n, 2)) {
      const ConstTensor& v = ctx.constant(n, 2);
      if (v.size() != 1) throw bad_input("Pad constant_value must be a scalar");
      a.value = v.float_at(0);
    }
    if (ctx.present(n, 3)) throw unsupported("Pad with an axes input");
  }
  ctx.emit(n, a, {x});
}

void reduce_mean(LowerContext& ctx, const OnnxNode& n) {
  ReduceMeanAttrs a{attr_ints(n, "axes").value_or(std::vector<int64_t>{}),
                    attr_int(n, "keepdims", 1) != 0};
  ctx.emit(n, a, {ctx.value(n, 0)});
}

}  // namespace synergy::onnx_io::rules
