// Local response normalisation and softmax, in the layout their input has.
#include "engine/onednn/compiler.hpp"
#include "engine/onednn/eltwise_ops.hpp"

namespace synergy::onednn {

void build_lrn(Compiler& c) {
  const Node& n = c.node();
  const auto& a = n.as<LrnAttrs>();
  // oneDNN centres an even window differently from Caffe and ONNX (one more channel before).
  if (a.size % 2 == 0) return build_loop(c);
  const dnnl::memory src = c.input(n.inputs[0]);
  const auto alg = a.across_channels ? dnnl::algorithm::lrn_across_channels
                                     : dnnl::algorithm::lrn_within_channel;
  const dnnl::lrn_forward::primitive_desc pd(
      {dnnl::prop_kind::forward_inference, alg, src.get_desc(), a.size, a.alpha, a.beta, a.bias},
      c.engine);
  const dnnl::memory dst = c.output(n.outputs[0], pd.dst_desc());
  c.add(dnnl::lrn_forward(pd), {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}});
}

void build_softmax(Compiler& c) {
  const Node& n = c.node();
  const Shape& s = c.graph.shape(n.inputs[0]);
  int axis = static_cast<int>(n.as<SoftmaxAttrs>().axis);
  if (axis < 0) axis += static_cast<int>(s.rank());
  const dnnl::memory src = c.plain_input(n.inputs[0]);
  const dnnl::softmax_forward::primitive_desc pd(
      {dnnl::prop_kind::forward_inference, src.get_desc(), axis}, c.engine);
  const dnnl::memory dst = c.output(n.outputs[0], pd.dst_desc());
  c.add(dnnl::softmax_forward(pd), {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}});
}

}  // namespace synergy::onednn
