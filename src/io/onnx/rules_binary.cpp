// Mapping rules: Add, Sub, Mul, Div. Two computed operands give a broadcasting Binary node; a
// constant operand gives a per-channel Scale. Patterns exporters write for one layer are fused:
// x * Sigmoid(x) -> SiLU, x * HardSigmoid(x) -> HardSwish, Scale + constant -> Scale with bias,
// FullyConnected + constant -> FullyConnected with bias.
#include <cmath>

#include "io/onnx/rules.hpp"

namespace synergy::onnx_io::rules {
namespace {

const std::string& name_of(LowerContext& ctx, ValueId v) {
  return ctx.graph().values[static_cast<size_t>(v)].name;
}

// A constant that broadcasts per channel (axis 1) over `s`: its values, one per channel.
std::vector<float> per_channel(const ConstTensor& c, const Shape& s) {
  if (s.rank() < 2) throw unsupported("a constant operand needs a channel axis");
  const int64_t channels = s[1];
  if (c.size() == 1) return std::vector<float>(static_cast<size_t>(channels), c.float_at(0));
  Dims d = c.dims;
  while (d.size() < s.rank()) d.insert(d.begin(), 1);
  bool ok = d.size() == s.rank() && d[1] == channels;
  for (size_t i = 0; ok && i < d.size(); ++i) ok = i == 1 || d[i] == 1;
  if (!ok) {
    throw unsupported("constant operand of shape " + Shape(c.dims).str() +
                      " does not broadcast per channel over " + s.str());
  }
  return c.to_floats();
}

void emit_scale(LowerContext& ctx, const OnnxNode& n, ValueId x, std::vector<float> scale,
                std::vector<float> bias) {
  const auto c = static_cast<int64_t>(scale.size());
  std::vector<Param> params{make_param("scale", {c}, std::move(scale))};
  const bool has_bias = !bias.empty();
  if (has_bias) params.push_back(make_param("bias", {c}, std::move(bias)));
  ctx.emit(n, ScaleAttrs{has_bias}, {x}, std::move(params));
}

// Adds a per-output bias to the producer of x when it can absorb one; true when done.
bool absorb_bias(LowerContext& ctx, const OnnxNode& n, ValueId x, const std::vector<float>& bias) {
  Node* p = ctx.producer(x);
  if (!p || ctx.uses(name_of(ctx, x)) != 1) return false;
  const bool scale = p->kind() == OpKind::Scale && !p->as<ScaleAttrs>().has_bias;
  const bool fc = p->kind() == OpKind::FullyConnected && !p->as<FullyConnectedAttrs>().has_bias;
  if (!scale && !fc) return false;
  const auto c = static_cast<int64_t>(bias.size());
  if (scale) {
    p->attrs = ScaleAttrs{true};
  } else {
    p->attrs = FullyConnectedAttrs{p->as<FullyConnectedAttrs>().out_features, true};
  }
  p->params.push_back(make_param("bias", {c}, bias));
  ctx.alias(n.outputs.at(0), name_of(ctx, x));
  return true;
}

void add_constant(LowerContext& ctx, const OnnxNode& n, ValueId x, std::vector<float> bias) {
  if (absorb_bias(ctx, n, x, bias)) return;
  std::vector<float> ones(bias.size(), 1.0f);
  emit_scale(ctx, n, x, std::move(ones), std::move(bias));
}

// x * f(x) where f is a sigmoid-like activation read only here: the fused activation, or -1.
int fused_gate(LowerContext& ctx, ValueId x, ValueId gate) {
  Node* p = ctx.producer(gate);
  if (!p || p->kind() != OpKind::Activation || p->inputs[0] != x) return -1;
  if (ctx.uses(name_of(ctx, gate)) != 1) return -1;
  const auto& a = p->as<ActivationAttrs>();
  if (a.kind == ActivationKind::Sigmoid) return static_cast<int>(ActivationKind::Silu);
  if (a.kind == ActivationKind::HardSigmoid && std::fabs(a.alpha - 1.0f / 6.0f) < 1e-6f &&
      std::fabs(a.beta - 0.5f) < 1e-6f) {
    return static_cast<int>(ActivationKind::HardSwish);
  }
  return -1;
}

bool fuse_gated(LowerContext& ctx, const OnnxNode& n, ValueId a, ValueId b) {
  for (auto [x, gate] : {std::pair{a, b}, std::pair{b, a}}) {
    const int kind = fused_gate(ctx, x, gate);
    if (kind < 0) continue;
    ctx.drop_producer(gate);
    ActivationAttrs attrs{static_cast<ActivationKind>(kind), 0.0f, 0.0f};
    if (attrs.kind == ActivationKind::HardSwish) attrs = {attrs.kind, 1.0f / 6.0f, 0.5f};
    ctx.emit(n, attrs, {x});
    return true;
  }
  return false;
}

// Returns the computed operand and sets `c` to the constant one; throws if both are constant
// (folded earlier) or the constant is on the left of a non-commutative op.
ValueId split_operands(LowerContext& ctx, const OnnxNode& n, const ConstTensor*& c,
                       bool commutative) {
  c = nullptr;
  if (ctx.is_constant(n, 1)) {
    c = &ctx.constant(n, 1);
    return ctx.value(n, 0);
  }
  if (ctx.is_constant(n, 0)) {
    if (!commutative) throw unsupported("a constant left operand is not supported");
    c = &ctx.constant(n, 0);
    return ctx.value(n, 1);
  }
  return -1;
}

}  // namespace

void add(LowerContext& ctx, const OnnxNode& n) {
  const ConstTensor* c = nullptr;
  const ValueId x = split_operands(ctx, n, c, true);
  if (!c) {
    ctx.emit(n, BinaryAttrs{BinaryKind::Add}, {ctx.value(n, 0), ctx.value(n, 1)});
    return;
  }
  add_constant(ctx, n, x, per_channel(*c, ctx.shape(x)));
}

void sub(LowerContext& ctx, const OnnxNode& n) {
  const ConstTensor* c = nullptr;
  const ValueId x = split_operands(ctx, n, c, false);
  if (!c) throw unsupported("Sub of two computed tensors is not supported");
  std::vector<float> bias = per_channel(*c, ctx.shape(x));
  for (float& v : bias) v = -v;
  add_constant(ctx, n, x, std::move(bias));
}

void mul(LowerContext& ctx, const OnnxNode& n) {
  const ConstTensor* c = nullptr;
  const ValueId x = split_operands(ctx, n, c, true);
  if (!c) {
    const ValueId a = ctx.value(n, 0), b = ctx.value(n, 1);
    if (!fuse_gated(ctx, n, a, b)) ctx.emit(n, BinaryAttrs{BinaryKind::Mul}, {a, b});
    return;
  }
  emit_scale(ctx, n, x, per_channel(*c, ctx.shape(x)), {});
}

void div(LowerContext& ctx, const OnnxNode& n) {
  const ConstTensor* c = nullptr;
  const ValueId x = split_operands(ctx, n, c, false);
  if (!c) throw unsupported("Div of two computed tensors is not supported");
  std::vector<float> scale = per_channel(*c, ctx.shape(x));
  for (float& v : scale) v = 1.0f / v;
  emit_scale(ctx, n, x, std::move(scale), {});
}

}  // namespace synergy::onnx_io::rules
