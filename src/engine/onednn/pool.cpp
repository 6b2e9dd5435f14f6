// Max and average pooling (include or exclude padding), global pooling, Caffe ceil rounding.
#include "engine/onednn/compiler.hpp"

namespace synergy::onednn {
namespace {

// The end padding that makes oneDNN's floor rule give the graph's output size.
int64_t effective_end_pad(int64_t in, int64_t out, int64_t kernel, int64_t stride,
                          int64_t pad_begin) {
  return (out - 1) * stride + kernel - in - pad_begin;
}

}  // namespace

void build_pool(Compiler& c) {
  const Node& n = c.node();
  PoolAttrs a = n.as<PoolAttrs>();
  const Shape& is = c.graph.shape(n.inputs[0]);
  const Shape& os = c.graph.shape(n.outputs[0]);
  if (a.global) {
    a.kernel = {is[2], is[3]};
    a.stride = {1, 1};
    a.pads = {};
  }
  const int64_t end_h = effective_end_pad(is[2], os[2], a.kernel.h, a.stride.h, a.pads.top);
  const int64_t end_w = effective_end_pad(is[3], os[3], a.kernel.w, a.stride.w, a.pads.left);
  // An average that counts padding must not count the cells ceil rounding adds, nor may a
  // window start in the end padding: plain loop then.
  const bool extended = end_h > a.pads.bottom || end_w > a.pads.right;
  const bool averaged_extension = a.kind == PoolKind::Average && a.count_include_pad && extended;
  if (averaged_extension || end_h < 0 || end_w < 0) return build_loop(c);
  const auto alg = a.kind == PoolKind::Max ? dnnl::algorithm::pooling_max
                   : a.count_include_pad   ? dnnl::algorithm::pooling_avg_include_padding
                                           : dnnl::algorithm::pooling_avg_exclude_padding;
  const dnnl::memory src = c.input(n.inputs[0]);
  const Dnnl::desc dst_any(dims_of(os), type_of(src), Tag::any);
  const dnnl::pooling_forward::primitive_desc pd({dnnl::prop_kind::forward_inference,
                                                  alg,
                                                  src.get_desc(),
                                                  dst_any,
                                                  {a.stride.h, a.stride.w},
                                                  {a.kernel.h, a.kernel.w},
                                                  {a.pads.top, a.pads.left},
                                                  {end_h, end_w}},
                                                 c.engine);
  const dnnl::memory dst = c.output(n.outputs[0], pd.dst_desc());
  c.add(dnnl::pooling_forward(pd), {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}});
}

}  // namespace synergy::onednn
