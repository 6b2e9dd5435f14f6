// Activations: a standalone eltwise primitive, or post-ops of the layer they are fused into.
#include "engine/onednn/compiler.hpp"
#include "engine/onednn/eltwise_ops.hpp"

namespace synergy::onednn {

std::vector<EltwiseOp> eltwise_ops(const ActivationAttrs& a) {
  using A = dnnl::algorithm;
  switch (a.kind) {
    case ActivationKind::Relu:
      return {{A::eltwise_relu, 0.0f, 0.0f}};
    case ActivationKind::LeakyRelu:
      return {{A::eltwise_relu, a.alpha, 0.0f}};
    case ActivationKind::Clip:
      return {{A::eltwise_clip, a.alpha, a.beta}};
    case ActivationKind::Sigmoid:
      return {{A::eltwise_logistic, 0.0f, 0.0f}};
    case ActivationKind::HardSigmoid:
      return {{A::eltwise_linear, a.alpha, a.beta}, {A::eltwise_clip, 0.0f, 1.0f}};
    case ActivationKind::HardSwish:
      return {{A::eltwise_hardswish, 0.0f, 0.0f}};
    case ActivationKind::Silu:
      return {{A::eltwise_swish, 1.0f, 0.0f}};
    case ActivationKind::Tanh:
      return {{A::eltwise_tanh, 0.0f, 0.0f}};
  }
  return {};
}

dnnl::primitive_attr fused_activation_attr(const Compiler& c) {
  dnnl::post_ops ops;
  if (c.fusion.residual[c.current()] >= 0) ops.append_sum(1.0f);
  for (size_t act : c.fusion.activations[c.current()]) {
    for (const EltwiseOp& e : eltwise_ops(c.graph.nodes[act].as<ActivationAttrs>())) {
      ops.append_eltwise(1.0f, e.algorithm, e.alpha, e.beta);
    }
  }
  dnnl::primitive_attr attr;
  attr.set_post_ops(ops);
  return attr;
}

void build_activation(Compiler& c) {
  const Node& n = c.node();
  const ValueId in = n.inputs[0];
  const ValueId out = c.fusion.output[c.current()];
  const dnnl::memory src = c.input(in);
  const dnnl::memory::desc desc = src.get_desc();
  const dnnl::memory dst =
      c.may_overwrite(in) ? c.alias(out, c.storage_of(in), desc) : c.output(out, desc);
  dnnl::memory from = src;
  for (const EltwiseOp& e : eltwise_ops(n.as<ActivationAttrs>())) {
    const dnnl::eltwise_forward::primitive_desc pd(
        {dnnl::prop_kind::forward_inference, e.algorithm, desc, e.alpha, e.beta}, c.engine);
    c.add(dnnl::eltwise_forward(pd), {{DNNL_ARG_SRC, from}, {DNNL_ARG_DST, dst}});
    from = dst;
  }
}

}  // namespace synergy::onednn
