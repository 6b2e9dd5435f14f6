// One writer per op kind: graph node -> ONNX node(s) at opset 13.
#include <onnx/onnx_pb.h>

#include "io/onnx/export_context.hpp"
#include "io/onnx/rules.hpp"
#include "util/error.hpp"

namespace synergy::onnx_io {
namespace {

using Names = std::vector<std::string>;

std::string in(const ExportContext& ctx, const Node& n, size_t i = 0) {
  return ctx.name(n.inputs[i]);
}

std::string out(const ExportContext& ctx, const Node& n, size_t i = 0) {
  return ctx.name(n.outputs[i]);
}

std::string param(ExportContext& ctx, const Node& n, const std::string& role) {
  const Param* p = n.param(role);
  if (!p || p->data.empty()) throw bad_input("param '" + role + "' has no data");
  return ctx.floats(n.name + "." + role, p->shape.dims, p->data);
}

// A per-channel param shaped to broadcast over axis 1 of a tensor of `rank`: [C, 1, 1, ...].
std::string channel_param(ExportContext& ctx, const Node& n, const std::string& role, size_t rank) {
  const Param* p = n.param(role);
  if (!p || p->data.empty()) throw bad_input("param '" + role + "' has no data");
  Dims dims{static_cast<int64_t>(p->data.size())};
  for (size_t i = 2; i < rank; ++i) dims.push_back(1);
  return ctx.floats(n.name + "." + role, dims, p->data);
}

void write_conv(ExportContext& ctx, const Node& n) {
  const auto& a = n.as<ConvAttrs>();
  Names inputs{in(ctx, n), param(ctx, n, "weight")};
  if (a.has_bias) inputs.push_back(param(ctx, n, "bias"));
  auto& o = ctx.node("Conv", n.name, inputs, {out(ctx, n)});
  const int64_t kernel[] = {a.kernel.h, a.kernel.w}, stride[] = {a.stride.h, a.stride.w};
  const int64_t dilation[] = {a.dilation.h, a.dilation.w};
  const int64_t pads[] = {a.pads.top, a.pads.left, a.pads.bottom, a.pads.right};
  set_attr(o, "kernel_shape", kernel);
  set_attr(o, "strides", stride);
  set_attr(o, "dilations", dilation);
  set_attr(o, "pads", pads);
  set_attr(o, "group", a.groups);
}

void write_pool(ExportContext& ctx, const Node& n) {
  const auto& a = n.as<PoolAttrs>();
  const bool max = a.kind == PoolKind::Max;
  if (a.global) {
    ctx.node(max ? "GlobalMaxPool" : "GlobalAveragePool", n.name, {in(ctx, n)}, {out(ctx, n)});
    return;
  }
  auto& o = ctx.node(max ? "MaxPool" : "AveragePool", n.name, {in(ctx, n)}, {out(ctx, n)});
  const int64_t kernel[] = {a.kernel.h, a.kernel.w}, stride[] = {a.stride.h, a.stride.w};
  const int64_t pads[] = {a.pads.top, a.pads.left, a.pads.bottom, a.pads.right};
  set_attr(o, "kernel_shape", kernel);
  set_attr(o, "strides", stride);
  set_attr(o, "pads", pads);
  if (a.rounding == Rounding::Ceil) set_attr(o, "ceil_mode", int64_t{1});
  if (!max) set_attr(o, "count_include_pad", int64_t{a.count_include_pad ? 1 : 0});
}

// Gemm needs a 2-D input: a Flatten marked as part of this layer comes first when needed.
void write_fully_connected(ExportContext& ctx, const Node& n) {
  std::string x = in(ctx, n);
  if (ctx.graph().shape(n.inputs[0]).rank() != 2) {
    const std::string flat = ctx.fresh(n.name + "/flattened");
    auto& f = ctx.node("Flatten", ctx.fresh(n.name + "/flatten"), {x}, {flat});
    set_attr(f, "axis", int64_t{1});
    f.set_doc_string(rules::kHelperDoc);
    x = flat;
  }
  Names inputs{x, param(ctx, n, "weight")};
  if (n.as<FullyConnectedAttrs>().has_bias) inputs.push_back(param(ctx, n, "bias"));
  auto& g = ctx.node("Gemm", n.name, inputs, {out(ctx, n)});
  set_attr(g, "transB", int64_t{1});
}

void write_batch_norm(ExportContext& ctx, const Node& n) {
  auto& o = ctx.node("BatchNormalization", n.name,
                     {in(ctx, n), param(ctx, n, "scale"), param(ctx, n, "bias"),
                      param(ctx, n, "mean"), param(ctx, n, "variance")},
                     {out(ctx, n)});
  set_attr(o, "epsilon", n.as<BatchNormAttrs>().epsilon);
}

// Mul by the per-channel scale, then Add the bias (the importer fuses them back).
void write_scale(ExportContext& ctx, const Node& n) {
  const size_t rank = ctx.graph().shape(n.inputs[0]).rank();
  const bool bias = n.as<ScaleAttrs>().has_bias;
  const std::string scaled = bias ? ctx.fresh(n.name + "/scaled") : out(ctx, n);
  ctx.node("Mul", n.name, {in(ctx, n), channel_param(ctx, n, "scale", rank)}, {scaled});
  if (bias) {
    ctx.node("Add", ctx.fresh(n.name + "/bias"), {scaled, channel_param(ctx, n, "bias", rank)},
             {out(ctx, n)});
  }
}

// SiLU and HardSwish are x * gate(x) at opset 13.
void write_gated(ExportContext& ctx, const Node& n, bool hard) {
  const std::string gate = ctx.fresh(n.name + "/gate");
  auto& g =
      ctx.node(hard ? "HardSigmoid" : "Sigmoid", ctx.fresh(n.name + "/gate"), {in(ctx, n)}, {gate});
  if (hard) {
    set_attr(g, "alpha", 1.0f / 6.0f);
    set_attr(g, "beta", 0.5f);
  }
  ctx.node("Mul", n.name, {in(ctx, n), gate}, {out(ctx, n)});
}

void write_activation(ExportContext& ctx, const Node& n) {
  const auto& a = n.as<ActivationAttrs>();
  switch (a.kind) {
    case ActivationKind::Relu:
      ctx.node("Relu", n.name, {in(ctx, n)}, {out(ctx, n)});
      return;
    case ActivationKind::LeakyRelu:
      set_attr(ctx.node("LeakyRelu", n.name, {in(ctx, n)}, {out(ctx, n)}), "alpha", a.alpha);
      return;
    case ActivationKind::Clip:
      ctx.node(
          "Clip", n.name,
          {in(ctx, n), ctx.scalar(n.name + ".min", a.alpha), ctx.scalar(n.name + ".max", a.beta)},
          {out(ctx, n)});
      return;
    case ActivationKind::Sigmoid:
      ctx.node("Sigmoid", n.name, {in(ctx, n)}, {out(ctx, n)});
      return;
    case ActivationKind::Tanh:
      ctx.node("Tanh", n.name, {in(ctx, n)}, {out(ctx, n)});
      return;
    case ActivationKind::HardSigmoid: {
      auto& o = ctx.node("HardSigmoid", n.name, {in(ctx, n)}, {out(ctx, n)});
      set_attr(o, "alpha", a.alpha);
      set_attr(o, "beta", a.beta);
      return;
    }
    case ActivationKind::HardSwish:
      write_gated(ctx, n, true);
      return;
    case ActivationKind::Silu:
      write_gated(ctx, n, false);
      return;
  }
}

void write_lrn(ExportContext& ctx, const Node& n) {
  const auto& a = n.as<LrnAttrs>();
  if (!a.across_channels) throw unsupported("ONNX has no within-channel LRN");
  auto& o = ctx.node("LRN", n.name, {in(ctx, n)}, {out(ctx, n)});
  set_attr(o, "size", a.size);
  set_attr(o, "alpha", a.alpha);
  set_attr(o, "beta", a.beta);
  set_attr(o, "bias", a.bias);
}

void write_concat(ExportContext& ctx, const Node& n) {
  Names inputs;
  for (size_t i = 0; i < n.inputs.size(); ++i) inputs.push_back(in(ctx, n, i));
  set_attr(ctx.node("Concat", n.name, inputs, {out(ctx, n)}), "axis", n.as<ConcatAttrs>().axis);
}

void write_binary(ExportContext& ctx, const Node& n) {
  const char* op = n.as<BinaryAttrs>().kind == BinaryKind::Add ? "Add" : "Mul";
  ctx.node(op, n.name, {in(ctx, n, 0), in(ctx, n, 1)}, {out(ctx, n)});
}

void write_softmax(ExportContext& ctx, const Node& n) {
  set_attr(ctx.node("Softmax", n.name, {in(ctx, n)}, {out(ctx, n)}), "axis",
           n.as<SoftmaxAttrs>().axis);
}

void write_dropout(ExportContext& ctx, const Node& n) {
  ctx.node("Dropout", n.name,
           {in(ctx, n), ctx.scalar(n.name + ".ratio", n.as<DropoutAttrs>().ratio)}, {out(ctx, n)});
}

void write_flatten(ExportContext& ctx, const Node& n) {
  set_attr(ctx.node("Flatten", n.name, {in(ctx, n)}, {out(ctx, n)}), "axis",
           n.as<FlattenAttrs>().axis);
}

void write_reshape(ExportContext& ctx, const Node& n) {
  ctx.node("Reshape", n.name, {in(ctx, n), ctx.ints(n.name + ".shape", n.as<ReshapeAttrs>().shape)},
           {out(ctx, n)});
}

void write_split(ExportContext& ctx, const Node& n) {
  const auto& a = n.as<SplitAttrs>();
  Names outs;
  for (size_t i = 0; i < n.outputs.size(); ++i) outs.push_back(out(ctx, n, i));
  auto& o = ctx.node("Split", n.name, {in(ctx, n), ctx.ints(n.name + ".split", a.sizes)}, outs);
  set_attr(o, "axis", a.axis);
}

void write_slice(ExportContext& ctx, const Node& n) {
  const auto& a = n.as<SliceAttrs>();
  Dims axes = a.axes;
  if (axes.empty()) {
    for (size_t i = 0; i < a.starts.size(); ++i) axes.push_back(static_cast<int64_t>(i));
  }
  Names inputs{in(ctx, n), ctx.ints(n.name + ".starts", a.starts),
               ctx.ints(n.name + ".ends", a.ends), ctx.ints(n.name + ".axes", axes)};
  if (!a.steps.empty()) inputs.push_back(ctx.ints(n.name + ".steps", a.steps));
  ctx.node("Slice", n.name, inputs, {out(ctx, n)});
}

void write_transpose(ExportContext& ctx, const Node& n) {
  set_attr(ctx.node("Transpose", n.name, {in(ctx, n)}, {out(ctx, n)}), "perm",
           std::span<const int64_t>(n.as<TransposeAttrs>().perm));
}

void write_pad(ExportContext& ctx, const Node& n) {
  const auto& a = n.as<PadAttrs>();
  auto& o = ctx.node(
      "Pad", n.name,
      {in(ctx, n), ctx.ints(n.name + ".pads", a.pads), ctx.scalar(n.name + ".value", a.value)},
      {out(ctx, n)});
  const char* mode = a.mode == PadMode::Constant  ? "constant"
                     : a.mode == PadMode::Reflect ? "reflect"
                                                  : "edge";
  set_attr(o, "mode", std::string(mode));
}

void write_reduce_mean(ExportContext& ctx, const Node& n) {
  const auto& a = n.as<ReduceMeanAttrs>();
  auto& o = ctx.node("ReduceMean", n.name, {in(ctx, n)}, {out(ctx, n)});
  if (!a.axes.empty()) set_attr(o, "axes", std::span<const int64_t>(a.axes));
  set_attr(o, "keepdims", int64_t{a.keepdims ? 1 : 0});
}

using Writer = void (*)(ExportContext&, const Node&);

// Indexed by OpKind.
constexpr Writer kWriters[] = {
    write_conv,       write_pool,    write_fully_connected, write_batch_norm, write_scale,
    write_activation, write_lrn,     write_concat,          write_binary,     write_softmax,
    write_dropout,    write_flatten, write_reshape,         write_split,      write_slice,
    write_transpose,  write_pad,     write_reduce_mean};
static_assert(std::size(kWriters) == static_cast<size_t>(OpKind::Count_),
              "one ONNX writer per op kind");

}  // namespace

void export_node(ExportContext& ctx, const Node& node) {
  kWriters[static_cast<size_t>(node.kind())](ctx, node);
}

}  // namespace synergy::onnx_io
