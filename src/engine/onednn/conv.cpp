// Convolution: groups, depthwise, dilation, asymmetric padding; folded BatchNorm/Scale and
// fused activations. oneDNN picks the activation and weight layouts.
#include "engine/onednn/compiler.hpp"

namespace synergy::onednn {
namespace {

// Weights (and bias) with the folded per-channel affine transform applied.
struct ConvParams {
  std::vector<float> weight, bias;
};

ConvParams conv_params(const Compiler& c, const ConvAttrs& a) {
  const Node& n = c.node();
  ConvParams p{n.param("weight")->data, {}};
  p.bias = a.has_bias ? n.param("bias")->data
                      : std::vector<float>(static_cast<size_t>(a.out_channels), 0.0f);
  const auto& folded = c.fusion.affine[c.current()];
  if (folded.empty()) return p;
  const Affine f = folded_affine(c, folded, a.out_channels);
  const size_t per_channel = p.weight.size() / static_cast<size_t>(a.out_channels);
  for (size_t oc = 0; oc < p.bias.size(); ++oc) {
    for (size_t k = 0; k < per_channel; ++k) p.weight[oc * per_channel + k] *= f.mul[oc];
    p.bias[oc] = p.bias[oc] * f.mul[oc] + f.add[oc];
  }
  return p;
}

// oneDNN's Winograd kernels take 3x3 stride-1 dense convolutions in f32 (AVX-512 only).
bool winograd_suits(const Compiler& c, const ConvAttrs& a) {
  return c.options.winograd && c.compute == Dnnl::data_type::f32 && a.groups == 1 &&
         a.kernel.h == 3 && a.kernel.w == 3 && a.stride.h == 1 && a.stride.w == 1 &&
         a.dilation.h == 1 && a.dilation.w == 1;
}

// The algorithm name of a Winograd kernel, with its output tile where oneDNN's implementation
// name gives it ("jit_wino_4x3", "jit_fp32_wino_2x3").
std::string winograd_name(const std::string& implementation) {
  for (const char* tile : {"2x3", "4x3"}) {
    if (implementation.find(std::string("wino_") + tile) != std::string::npos)
      return std::string("winograd_") + tile;
  }
  return "winograd";
}

}  // namespace

void build_conv(Compiler& c) {
  const Node& n = c.node();
  const auto& a = n.as<ConvAttrs>();
  const ValueId out = c.fusion.output[c.current()];
  const Shape& is = c.graph.shape(n.inputs[0]);
  const Shape& os = c.graph.shape(out);
  const int64_t g = a.groups;
  const Dnnl::dims wdims =
      g == 1 ? Dnnl::dims{a.out_channels, is[1], a.kernel.h, a.kernel.w}
             : Dnnl::dims{g, a.out_channels / g, is[1] / g, a.kernel.h, a.kernel.w};
  const auto f32 = Dnnl::data_type::f32;
  const Dnnl::desc src_any(dims_of(is), c.compute, Tag::any);
  const Dnnl::desc w_any(wdims, c.compute, Tag::any);
  const Dnnl::desc b_desc({a.out_channels}, f32, Tag::x);  // f32 bias in every precision
  const Dnnl::desc dst_any(dims_of(os), c.compute, Tag::any);
  auto desc = [&](dnnl::algorithm algorithm) {
    return dnnl::convolution_forward::desc(
        dnnl::prop_kind::forward_inference, algorithm, src_any, w_any, b_desc, dst_any,
        {a.stride.h, a.stride.w}, {a.dilation.h - 1, a.dilation.w - 1}, {a.pads.top, a.pads.left},
        {a.pads.bottom, a.pads.right});
  };
  const dnnl::primitive_attr attr = fused_activation_attr(c);
  dnnl::convolution_forward::primitive_desc pd;
  if (winograd_suits(c, a)) {
    try {
      pd = dnnl::convolution_forward::primitive_desc(desc(dnnl::algorithm::convolution_winograd),
                                                     attr, c.engine);
    } catch (const dnnl::error&) {  // no Winograd kernel for this CPU or shape
    }
  }
  if (pd)
    c.layers.back().algorithm = winograd_name(pd.impl_info_str());
  else
    pd = {desc(dnnl::algorithm::convolution_direct), attr, c.engine};

  const ConvParams p = conv_params(c, a);
  const Dnnl::desc w_plain(wdims, f32, g == 1 ? Tag::oihw : Tag::goihw);
  const dnnl::memory w = c.constant(w_plain, p.weight.data(), pd.weights_desc());
  const dnnl::memory b = c.constant(b_desc, p.bias.data(), b_desc);
  const dnnl::memory src = c.input(n.inputs[0], pd.src_desc());
  const ValueId residual = c.fusion.residual[c.current()];
  const dnnl::memory dst =
      residual >= 0 ? c.accumulator(out, residual, pd.dst_desc()) : c.output(out, pd.dst_desc());
  c.add(dnnl::convolution_forward(pd),
        {{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, w}, {DNNL_ARG_BIAS, b}, {DNNL_ARG_DST, dst}});
}

}  // namespace synergy::onednn
