// BatchNorm and Scale: per-channel y = x * mul + add. A chain of them (BatchNorm then Scale, as
// Caffe writes it) runs as one batch-normalisation primitive with unit variance and zero mean.
#include <cmath>

#include "engine/onednn/compiler.hpp"

namespace synergy::onednn {
namespace {

void compose(Affine& f, const Node& n) {
  std::vector<float> mul, add;
  if (n.kind() == OpKind::BatchNorm) {
    const float eps = n.as<BatchNormAttrs>().epsilon;
    const auto& gamma = n.param("scale")->data;
    const auto& beta = n.param("bias")->data;
    const auto& mean = n.param("mean")->data;
    const auto& var = n.param("variance")->data;
    for (size_t i = 0; i < gamma.size(); ++i) {
      mul.push_back(gamma[i] / std::sqrt(var[i] + eps));
      add.push_back(beta[i] - mean[i] * mul.back());
    }
  } else {
    mul = n.param("scale")->data;
    const Param* bias = n.param("bias");
    add = bias ? bias->data : std::vector<float>(mul.size(), 0.0f);
  }
  for (size_t i = 0; i < f.mul.size(); ++i) {
    f.mul[i] *= mul[i];
    f.add[i] = f.add[i] * mul[i] + add[i];
  }
}

// oneDNN 2.6 names its scalar batch-norm kernels "bnorm_ref" and "ncsp_bnorm".
bool vectorised_batch_norm(const std::string& implementation) {
  return implementation.find("ref") == std::string::npos &&
         implementation.find("ncsp") == std::string::npos;
}

}  // namespace

Affine folded_affine(const Compiler& c, const std::vector<size_t>& nodes, int64_t channels) {
  Affine f{std::vector<float>(static_cast<size_t>(channels), 1.0f),
           std::vector<float>(static_cast<size_t>(channels), 0.0f)};
  for (size_t i : nodes) compose(f, c.graph.nodes[i]);
  return f;
}

void build_affine(Compiler& c) {
  const Node& n = c.node();
  const ValueId in = n.inputs[0];
  const ValueId out = c.fusion.output[c.current()];
  const int64_t channels = c.graph.shape(in)[1];
  std::vector<size_t> chain{c.current()};
  for (size_t i : c.fusion.affine[c.current()]) chain.push_back(i);
  const Affine f = folded_affine(c, chain, channels);

  dnnl::memory src = c.input(in);
  auto flags = dnnl::normalization_flags::use_global_stats | dnnl::normalization_flags::use_scale |
               dnnl::normalization_flags::use_shift;
  if (!c.fusion.activations[c.current()].empty()) {
    flags = flags | dnnl::normalization_flags::fuse_norm_relu;
  }
  auto pd_for = [&](const Dnnl::desc& d) {
    return dnnl::batch_normalization_forward::primitive_desc(
        {dnnl::prop_kind::forward_inference, d, 0.0f, flags}, c.engine);
  };
  auto pd = pd_for(src.get_desc());
  // A layout oneDNN has only a slow kernel for (plain NCHW, partial channel blocks): channels-last
  // has a vectorised one for every channel count, worth a reorder.
  if (c.graph.shape(in).rank() == 4 && !vectorised_batch_norm(pd.impl_info_str())) {
    src = c.input(in, Dnnl::desc(dims_of(c.graph.shape(in)), type_of(src), Tag::acdb));
    pd = pd_for(src.get_desc());
  }
  const Dnnl::desc desc = src.get_desc();
  const Dnnl::desc channel_desc({channels}, Dnnl::data_type::f32, Tag::x);
  const std::vector<float> zeros(static_cast<size_t>(channels), 0.0f);
  const std::vector<float> ones(static_cast<size_t>(channels), 1.0f);
  const dnnl::memory dst =
      c.may_overwrite(in) ? c.alias(out, c.storage_of(in), desc) : c.output(out, desc);
  c.add(dnnl::batch_normalization_forward(pd),
        {{DNNL_ARG_SRC, src},
         {DNNL_ARG_DST, dst},
         {DNNL_ARG_MEAN, c.constant(channel_desc, zeros.data(), channel_desc)},
         {DNNL_ARG_VARIANCE, c.constant(channel_desc, ones.data(), channel_desc)},
         {DNNL_ARG_SCALE, c.constant(channel_desc, f.mul.data(), channel_desc)},
         {DNNL_ARG_SHIFT, c.constant(channel_desc, f.add.data(), channel_desc)}});
}

}  // namespace synergy::onednn
