// The reference convolution and pooling against textbook formulas written independently here
// (one output element at a time, every window position tested for being inside the input).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/engine.hpp"
#include "helpers.hpp"
#include "op_cases.hpp"

namespace synergy {
namespace {

Tensor naive_conv(const Node& n, const Tensor& x, const Shape& out_shape) {
  const auto& a = n.as<ConvAttrs>();
  const float* w = n.param("weight")->data.data();
  const Param* bias = n.param("bias");
  Tensor y{out_shape, std::vector<float>(static_cast<size_t>(out_shape.numel()))};
  const int64_t C = x.shape[1], H = x.shape[2], W = x.shape[3];
  const int64_t OC = out_shape[1], OH = out_shape[2], OW = out_shape[3];
  const int64_t cg = C / a.groups, ocg = OC / a.groups;
  size_t at = 0;
  for (int64_t b = 0; b < x.shape[0]; ++b)
    for (int64_t oc = 0; oc < OC; ++oc)
      for (int64_t oh = 0; oh < OH; ++oh)
        for (int64_t ow = 0; ow < OW; ++ow) {
          double sum = bias ? bias->data[static_cast<size_t>(oc)] : 0.0;
          for (int64_t i = 0; i < cg; ++i)
            for (int64_t kh = 0; kh < a.kernel.h; ++kh)
              for (int64_t kw = 0; kw < a.kernel.w; ++kw) {
                const int64_t ih = oh * a.stride.h + kh * a.dilation.h - a.pads.top;
                const int64_t iw = ow * a.stride.w + kw * a.dilation.w - a.pads.left;
                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                const int64_t ic = oc / ocg * cg + i;
                sum += static_cast<double>(
                           x.data[static_cast<size_t>(((b * C + ic) * H + ih) * W + iw)]) *
                       w[((oc * cg + i) * a.kernel.h + kh) * a.kernel.w + kw];
              }
          y.data[at++] = static_cast<float>(sum);
        }
  return y;
}

Tensor naive_pool(const Node& n, const Tensor& x, const Shape& out_shape) {
  PoolAttrs a = n.as<PoolAttrs>();
  const int64_t H = x.shape[2], W = x.shape[3];
  if (a.global) {
    a.kernel = {H, W};
    a.stride = {1, 1};
    a.pads = {};
  }
  Tensor y{out_shape, std::vector<float>(static_cast<size_t>(out_shape.numel()))};
  size_t at = 0;
  for (int64_t p = 0; p < x.shape[0] * x.shape[1]; ++p)
    for (int64_t oh = 0; oh < out_shape[2]; ++oh)
      for (int64_t ow = 0; ow < out_shape[3]; ++ow) {
        double sum = 0.0, best = -std::numeric_limits<double>::infinity();
        int64_t inside = 0, in_padded = 0;
        for (int64_t kh = 0; kh < a.kernel.h; ++kh)
          for (int64_t kw = 0; kw < a.kernel.w; ++kw) {
            const int64_t ih = oh * a.stride.h + kh - a.pads.top;
            const int64_t iw = ow * a.stride.w + kw - a.pads.left;
            if (ih < H + a.pads.bottom && iw < W + a.pads.right) ++in_padded;
            if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
            const double v = x.data[static_cast<size_t>((p * H + ih) * W + iw)];
            sum += v;
            best = std::max(best, v);
            ++inside;
          }
        double v = 0.0;
        if (inside > 0) {
          v = a.kind == PoolKind::Max ? best : sum / (a.count_include_pad ? in_padded : inside);
        }
        y.data[at++] = static_cast<float>(v);
      }
  return y;
}

TEST(NaiveCheck, ReferenceConvAndPoolMatchTextbookFormulas) {
  int checked = 0;
  for (const auto& c : test::op_cases()) {
    Graph g = c.build();
    const OpKind kind = g.nodes[0].kind();
    if (g.nodes.size() != 1 || (kind != OpKind::Conv && kind != OpKind::Pool)) continue;
    g.materialize_params(5);
    const auto in = test::random_inputs_for(g, 11);
    const Shape& out_shape = g.shape(g.outputs[0]);
    const Tensor want = kind == OpKind::Conv ? naive_conv(g.nodes[0], in[0], out_shape)
                                             : naive_pool(g.nodes[0], in[0], out_shape);
    const Tensor got = test::run_on("reference", g, in, 2, 5).at(0);
    EXPECT_LE(test::relative_max_error(got, want), 1e-5) << c.name;
    ++checked;
  }
  EXPECT_GE(checked, 20);
}

}  // namespace
}  // namespace synergy
