// Ops run in plain layout: ReduceMean, and the reference kernels for what oneDNN cannot express
// exactly (reflect/edge Pad, strided Slice, some pooling and broadcasting, ReduceMean over
// other axes than the spatial ones).
#include <algorithm>

#include "engine/onednn/compiler.hpp"
#include "engine/reference/kernels.hpp"

namespace synergy::onednn {

namespace {

// y = y * mul[c] + add[c] over channel planes (no-op for an empty transform).
void apply_affine(const Affine& f, const Shape& s, float* y) {
  if (f.mul.empty()) return;
  const int64_t c = s[1], inner = s.numel() / std::max<int64_t>(s[0] * c, 1);
  for (int64_t i = 0; i < s[0] * c; ++i) {
    const auto ch = static_cast<size_t>(i % c);
    for (int64_t j = 0; j < inner; ++j) y[i * inner + j] = y[i * inner + j] * f.mul[ch] + f.add[ch];
  }
}

}  // namespace

void build_loop(Compiler& c) {
  const Node& n = c.node();
  std::vector<dnnl::memory> ins, outs;
  for (ValueId v : n.inputs) ins.push_back(c.plain_input(v));
  const ValueId last = c.fusion.output[c.current()];
  for (ValueId v : n.outputs) {
    outs.push_back(c.output(v == n.outputs[0] ? last : v, plain_desc(c.graph.shape(v))));
  }
  const Shape& shape = c.graph.shape(n.outputs[0]);
  const std::shared_ptr<Kernel> kernel = make_reference_kernel(c.graph, c.current(), c.context);
  std::vector<ActivationAttrs> post;
  for (size_t i : c.fusion.activations[c.current()]) {
    post.push_back(c.graph.nodes[i].as<ActivationAttrs>());
  }
  const auto& folded = c.fusion.affine[c.current()];
  const Affine affine = folded_affine(c, folded, folded.empty() ? 0 : shape[1]);
  // A fused residual Add: its other input, added after the affine transform.
  const ValueId r = c.fusion.residual[c.current()];
  const dnnl::memory residual = r >= 0 ? c.plain_input(r) : dnnl::memory();
  std::vector<const float*> in(ins.size());
  std::vector<float*> out(outs.size());
  c.add_loop([kernel, ins, outs, in, out, post, affine, residual, shape]() mutable {
    for (size_t i = 0; i < ins.size(); ++i) {
      in[i] = static_cast<const float*>(ins[i].get_data_handle());
    }
    for (size_t i = 0; i < outs.size(); ++i) {
      out[i] = static_cast<float*>(outs[i].get_data_handle());
    }
    kernel->run(in, out);
    apply_affine(affine, shape, out[0]);
    if (residual) {
      const auto* add = static_cast<const float*>(residual.get_data_handle());
      for (int64_t i = 0; i < shape.numel(); ++i) out[0][i] += add[i];
    }
    for (const ActivationAttrs& a : post) reference::activate(a, out[0], out[0], shape.numel());
  });
}

// Mean over the spatial axes of a 4-D tensor is global average pooling; other axes loop.
void build_reduce_mean(Compiler& c) {
  const Node& n = c.node();
  const auto& a = n.as<ReduceMeanAttrs>();
  const Shape& is = c.graph.shape(n.inputs[0]);
  Dims axes = a.axes;
  for (int64_t& x : axes) x = x < 0 ? x + static_cast<int64_t>(is.rank()) : x;
  std::sort(axes.begin(), axes.end());
  if (is.rank() != 4 || axes != Dims{2, 3}) return build_loop(c);
  const Shape pooled{is[0], is[1], 1, 1};
  const dnnl::memory src = c.input(n.inputs[0]);
  // Pooled to 1 x 1, a channels-last (or any strided) layout holds its values where the plain
  // one does: the pooling writes the input's layout, which oneDNN's fast kernels want.
  Dnnl::desc dst = plain_desc(pooled, type_of(src));
  if (const auto strides = strides_of(src.get_desc())) {
    const Dnnl::dims like = dense_like(dims_of(pooled), *strides);
    if ((is[0] == 1 || like[0] == is[1]) && (is[1] == 1 || like[1] == 1))
      dst = Dnnl::desc(dims_of(pooled), type_of(src), like);
  }
  const dnnl::pooling_forward::primitive_desc pd({dnnl::prop_kind::forward_inference,
                                                  dnnl::algorithm::pooling_avg_exclude_padding,
                                                  src.get_desc(),
                                                  dst,
                                                  {1, 1},
                                                  {is[2], is[3]},
                                                  {0, 0},
                                                  {0, 0}},
                                                 c.engine);
  // The output (any rank, plain) and a 4-D view of the same storage for the pooling.
  c.output(n.outputs[0], plain_desc(c.graph.shape(n.outputs[0]), type_of(src)));
  const dnnl::memory pooled_view = c.pool.bind(dst, c.storage_of(n.outputs[0]), c.engine);
  c.add(dnnl::pooling_forward(pd), {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, pooled_view}});
}

}  // namespace synergy::onednn
