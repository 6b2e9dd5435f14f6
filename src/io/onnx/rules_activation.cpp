// Mapping rules: activations, Softmax, LRN, Dropout, Identity.
#include <limits>

#include "io/onnx/rules.hpp"

namespace synergy::onnx_io::rules {
namespace {

void activation(LowerContext& ctx, const OnnxNode& n, ActivationKind kind, float alpha = 0,
                float beta = 0) {
  ctx.emit(n, ActivationAttrs{kind, alpha, beta}, {ctx.value(n, 0)});
}

float scalar(const LowerContext& ctx, const OnnxNode& n, size_t input, float fallback) {
  if (!ctx.present(n, input)) return fallback;
  const ConstTensor& t = ctx.constant(n, input);
  if (t.size() != 1) throw bad_input("input " + std::to_string(input) + " must be a scalar");
  return t.float_at(0);
}

}  // namespace

void relu(LowerContext& ctx, const OnnxNode& n) {
  activation(ctx, n, ActivationKind::Relu);
}

void leaky_relu(LowerContext& ctx, const OnnxNode& n) {
  activation(ctx, n, ActivationKind::LeakyRelu, attr_float(n, "alpha", 0.01f));
}

void sigmoid(LowerContext& ctx, const OnnxNode& n) {
  activation(ctx, n, ActivationKind::Sigmoid);
}

void tanh(LowerContext& ctx, const OnnxNode& n) {
  activation(ctx, n, ActivationKind::Tanh);
}

void hard_sigmoid(LowerContext& ctx, const OnnxNode& n) {
  activation(ctx, n, ActivationKind::HardSigmoid, attr_float(n, "alpha", 0.2f),
             attr_float(n, "beta", 0.5f));
}

void hard_swish(LowerContext& ctx, const OnnxNode& n) {
  activation(ctx, n, ActivationKind::HardSwish, 1.0f / 6.0f, 0.5f);
}

// Bounds are attributes before opset 11 and optional scalar inputs from then on.
void clip(LowerContext& ctx, const OnnxNode& n) {
  const float lowest = std::numeric_limits<float>::lowest();
  const float highest = std::numeric_limits<float>::max();
  float lo = lowest, hi = highest;
  if (ctx.opset() < 11) {
    lo = attr_float(n, "min", lowest);
    hi = attr_float(n, "max", highest);
  } else {
    lo = scalar(ctx, n, 1, lowest);
    hi = scalar(ctx, n, 2, highest);
  }
  activation(ctx, n, ActivationKind::Clip, lo, hi);
}

void softmax(LowerContext& ctx, const OnnxNode& n) {
  const int64_t fallback = ctx.opset() < 13 ? 1 : -1;
  ctx.emit(n, SoftmaxAttrs{attr_int(n, "axis", fallback)}, {ctx.value(n, 0)});
}

void lrn(LowerContext& ctx, const OnnxNode& n) {
  if (!has_attr(n, "size")) throw bad_input("LRN needs a size");
  LrnAttrs a;
  a.size = attr_int(n, "size", 5);
  a.alpha = attr_float(n, "alpha", 1e-4f);
  a.beta = attr_float(n, "beta", 0.75f);
  a.bias = attr_float(n, "bias", 1.0f);
  a.across_channels = true;
  ctx.emit(n, a, {ctx.value(n, 0)});
}

// Identity at inference; the ratio is kept for the record.
void dropout(LowerContext& ctx, const OnnxNode& n) {
  const float ratio = ctx.opset() < 12 ? attr_float(n, "ratio", 0.5f) : scalar(ctx, n, 1, 0.5f);
  ctx.emit(n, DropoutAttrs{ratio}, {ctx.value(n, 0)});
}

void identity(LowerContext& ctx, const OnnxNode& n) {
  if (n.inputs.empty() || n.outputs.empty()) throw bad_input("Identity needs one input and output");
  ctx.alias(n.outputs[0], n.inputs[0]);
}

}  // namespace synergy::onnx_io::rules
