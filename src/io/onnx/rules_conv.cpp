// Mapping rules: Conv and pooling.
#include "io/onnx/rules.hpp"
#include "util/checked.hpp"

namespace synergy::onnx_io::rules {
namespace {

struct Window {
  Hw kernel, stride, dilation;
  Pads pads;
};

// Begin and end padding of one axis under auto_pad SAME_UPPER / SAME_LOWER.
std::pair<int64_t, int64_t> same_pads(int64_t in, int64_t k, int64_t s, int64_t d, bool upper) {
  if (s < 1 || d < 1 || k < 1) throw bad_input("kernel, stride and dilation must be >= 1");
  const int64_t out = checked_add(in, s - 1, "padding") / s;
  const int64_t extent = checked_add(checked_mul(k - 1, d, "padding"), 1, "padding");
  const int64_t need = checked_add(checked_mul(out - 1, s, "padding"), extent, "padding") - in;
  const int64_t total = std::max<int64_t>(need, 0);
  const int64_t small = total / 2, large = total - small;
  return upper ? std::pair{small, large} : std::pair{large, small};
}

Window window(const OnnxNode& n, const Shape& in, std::vector<int64_t> kernel) {
  if (kernel.size() != 2) {
    throw unsupported("only 2-D windows are supported, kernel has " +
                      std::to_string(kernel.size()) + " dims");
  }
  const auto stride = ints_of(n, "strides", 2, {1, 1});
  const auto dilation = ints_of(n, "dilations", 2, {1, 1});
  Window w{{kernel[0], kernel[1]}, {stride[0], stride[1]}, {dilation[0], dilation[1]}, {}};
  const std::string auto_pad = attr_string(n, "auto_pad", "NOTSET");
  if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    const bool upper = auto_pad == "SAME_UPPER";
    auto [top, bottom] = same_pads(in[2], kernel[0], stride[0], dilation[0], upper);
    auto [left, right] = same_pads(in[3], kernel[1], stride[1], dilation[1], upper);
    w.pads = {top, left, bottom, right};
  } else if (auto_pad == "NOTSET") {
    const auto p = ints_of(n, "pads", 4, {0, 0, 0, 0});
    w.pads = {p[0], p[1], p[2], p[3]};  // ONNX order: x1_begin, x2_begin, x1_end, x2_end
  } else if (auto_pad != "VALID") {
    throw bad_input("unknown auto_pad '" + auto_pad + "'");
  }
  return w;
}

void pool(LowerContext& ctx, const OnnxNode& n, PoolKind kind) {
  const ValueId x = ctx.value(n, 0);
  const Shape& in = shape_of_rank(ctx, x, 4);
  auto kernel = attr_ints(n, "kernel_shape");
  if (!kernel) throw bad_input("kernel_shape is required");
  const Window w = window(n, in, *kernel);
  if (w.dilation != Hw{1, 1}) throw unsupported("dilated pooling is not supported");
  PoolAttrs a;
  a.kind = kind;
  a.kernel = w.kernel;
  a.stride = w.stride;
  a.pads = w.pads;
  a.rounding = attr_int(n, "ceil_mode", 0) ? Rounding::Ceil : Rounding::Floor;
  a.count_include_pad = kind == PoolKind::Average && attr_int(n, "count_include_pad", 0) != 0;
  ctx.emit(n, a, {x});
}

void global_pool(LowerContext& ctx, const OnnxNode& n, PoolKind kind) {
  const ValueId x = ctx.value(n, 0);
  shape_of_rank(ctx, x, 4);
  PoolAttrs a;
  a.kind = kind;
  a.global = true;
  ctx.emit(n, a, {x});
}

}  // namespace

void conv(LowerContext& ctx, const OnnxNode& n) {
  const ValueId x = ctx.value(n, 0);
  const Shape& in = shape_of_rank(ctx, x, 4);
  const ConstTensor& w = ctx.constant(n, 1);
  if (w.dims.size() != 4) throw unsupported("only 2-D convolution is supported (4-D weights)");
  const std::vector<int64_t> weight_kernel{w.dims[2], w.dims[3]};
  const auto kernel = ints_of(n, "kernel_shape", 2, weight_kernel);
  if (kernel != weight_kernel) throw bad_input("kernel_shape differs from the weight's shape");
  const Window win = window(n, in, kernel);
  ConvAttrs a;
  a.out_channels = w.dims[0];
  a.kernel = win.kernel;
  a.stride = win.stride;
  a.dilation = win.dilation;
  a.pads = win.pads;
  a.groups = attr_int(n, "group", 1);
  a.has_bias = ctx.present(n, 2);
  std::vector<Param> params{make_param("weight", w)};
  if (a.has_bias) params.push_back(make_param("bias", ctx.constant(n, 2)));
  ctx.emit(n, a, {x}, std::move(params));
}

void max_pool(LowerContext& ctx, const OnnxNode& n) {
  pool(ctx, n, PoolKind::Max);
}

void average_pool(LowerContext& ctx, const OnnxNode& n) {
  pool(ctx, n, PoolKind::Average);
}

void global_average_pool(LowerContext& ctx, const OnnxNode& n) {
  global_pool(ctx, n, PoolKind::Average);
}

void global_max_pool(LowerContext& ctx, const OnnxNode& n) {
  global_pool(ctx, n, PoolKind::Max);
}

}  // namespace synergy::onnx_io::rules
