// Fully-connected: oneDNN inner product. From batch 3 on, a 4-D input is read in its own
// (possibly blocked) layout with 4-D weights in the layout oneDNN prefers, so no reorder is
// needed after the last convolution or pooling. At batch 1 or 2 an inner product is a
// matrix-vector product bound by reading its weights, and oneDNN's gemv on plain row-major
// weights beats its blocked kernels (AlexNet's fc6 at batch 1: 10.9 -> 8 ms; from batch 4 the
// blocked ones win): the input is then read plain, as [N, K].
#include "engine/onednn/compiler.hpp"

namespace synergy::onednn {

void build_inner_product(Compiler& c) {
  const Node& n = c.node();
  const auto& a = n.as<FullyConnectedAttrs>();
  const ValueId in = n.inputs[0];
  const ValueId out = c.fusion.output[c.current()];
  const Shape& is = c.graph.shape(in);
  const auto f32 = Dnnl::data_type::f32;
  const int64_t k = is.numel() / std::max<int64_t>(is[0], 1);

  const bool gemv = is[0] <= 2;
  dnnl::memory src;
  Dnnl::dims wdims{a.out_features, k};
  Tag wtag = Tag::oi;
  if (is.rank() == 4 && !gemv) {
    src = c.typed_input(in, c.compute);
    wdims = {a.out_features, is[1], is[2], is[3]};
    wtag = Tag::oihw;
  } else if (is.rank() == 2) {
    src = c.plain_input(in, c.compute);
  } else {
    // Other ranks, or a 4-D input at batch 1 or 2: the plain buffer seen as [N, K].
    const StoredMemory plain = c.stored(in, plain_desc(is, c.compute));
    src = c.pool.bind(plain_desc(Shape{is[0], k}, c.compute), plain.storage, c.engine);
  }
  const Dnnl::desc w_any(wdims, c.compute, gemv ? wtag : Tag::any);
  const Dnnl::desc b_desc({a.out_features}, f32, Tag::x);
  const Dnnl::desc dst_desc({is[0], a.out_features}, c.compute, Tag::nc);
  const dnnl::inner_product_forward::primitive_desc pd(
      {dnnl::prop_kind::forward_inference, src.get_desc(), w_any, b_desc, dst_desc},
      fused_activation_attr(c), c.engine);
  const std::vector<float> zeros(static_cast<size_t>(a.out_features), 0.0f);
  const float* bias = a.has_bias ? n.param("bias")->data.data() : zeros.data();
  const dnnl::memory w =
      c.constant(Dnnl::desc(wdims, f32, wtag), n.param("weight")->data.data(), pd.weights_desc());
  const dnnl::memory b = c.constant(b_desc, bias, b_desc);
  const dnnl::memory dst = c.output(out, pd.dst_desc());
  c.add(dnnl::inner_product_forward(pd),
        {{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, w}, {DNNL_ARG_BIAS, b}, {DNNL_ARG_DST, dst}});
}

}  // namespace synergy::onednn
