// Convolution the Caffe way: im2col per image and group, then one sgemm; 1x1 stride-1 unpadded
// convolutions multiply the input directly.
#include <cblas.h>

#include <algorithm>
#include <cstring>

#include "engine/blas/kernels.hpp"

namespace synergy::blas {
namespace {

struct Geometry {
  int64_t c, h, w, oh, ow, kh, kw, sh, sw, dh, dw, pt, pl;
};

// col[(c*kh + i)*kw + j][y*ow + x] = input[c][y*sh - pt + i*dh][x*sw - pl + j*dw] or 0.
void im2col(const float* x, const Geometry& g, float* col) {
  for (int64_t c = 0; c < g.c; ++c) {
    for (int64_t i = 0; i < g.kh; ++i) {
      for (int64_t j = 0; j < g.kw; ++j) {
        float* row = col + ((c * g.kh + i) * g.kw + j) * g.oh * g.ow;
        for (int64_t y = 0; y < g.oh; ++y) {
          const int64_t iy = y * g.sh - g.pt + i * g.dh;
          float* dst = row + y * g.ow;
          if (iy < 0 || iy >= g.h) {
            std::fill(dst, dst + g.ow, 0.0f);
            continue;
          }
          const float* src = x + (c * g.h + iy) * g.w;
          for (int64_t xo = 0; xo < g.ow; ++xo) {
            const int64_t ix = xo * g.sw - g.pl + j * g.dw;
            dst[xo] = ix >= 0 && ix < g.w ? src[ix] : 0.0f;
          }
        }
      }
    }
  }
}

bool is_pointwise(const ConvAttrs& a) {
  return a.kernel == Hw{1, 1} && a.stride == Hw{1, 1} && a.pads == Pads{};
}

}  // namespace

int64_t scratch_floats(const Node& node, std::span<const Shape> in, std::span<const Shape> out) {
  if (node.kind() != OpKind::Conv) return 0;
  const auto& a = node.as<ConvAttrs>();
  if (is_pointwise(a)) return 0;
  return in[0][1] / a.groups * a.kernel.h * a.kernel.w * out[0][2] * out[0][3];
}

void conv_im2col(KernelArgs& args) {
  const auto& a = args.node->as<ConvAttrs>();
  const Shape& is = args.in_shapes[0];
  const Shape& os = args.out_shapes[0];
  const Geometry g{is[1] / a.groups, is[2],      is[3],      os[2],      os[3],
                   a.kernel.h,       a.kernel.w, a.stride.h, a.stride.w, a.dilation.h,
                   a.dilation.w,     a.pads.top, a.pads.left};
  const int64_t cout_g = a.out_channels / a.groups;
  const int64_t k = g.c * g.kh * g.kw, spatial = g.oh * g.ow;
  const float* weight = args.node->param("weight")->data.data();
  const Param* bias = a.has_bias ? args.node->param("bias") : nullptr;
  for (int64_t n = 0; n < is[0]; ++n) {
    float* y = args.out[0] + n * os[1] * spatial;
    for (int64_t oc = 0; oc < os[1]; ++oc) {
      std::fill(y + oc * spatial, y + (oc + 1) * spatial, bias ? bias->data[oc] : 0.0f);
    }
    for (int64_t grp = 0; grp < a.groups; ++grp) {
      const float* x = args.in[0] + (n * is[1] + grp * g.c) * g.h * g.w;
      const float* col = x;
      if (!is_pointwise(a)) {
        im2col(x, g, args.scratch);
        col = args.scratch;
      }
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, static_cast<int>(cout_g),
                  static_cast<int>(spatial), static_cast<int>(k), 1.0f, weight + grp * cout_g * k,
                  static_cast<int>(k), col, static_cast<int>(spatial), 1.0f,
                  y + grp * cout_g * spatial, static_cast<int>(spatial));
    }
  }
}

void fully_connected(KernelArgs& args) {
  const auto& a = args.node->as<FullyConnectedAttrs>();
  const int64_t n = args.in_shapes[0][0];
  const int64_t k = args.in_shapes[0].numel() / std::max<int64_t>(n, 1);
  const int64_t o = a.out_features;
  float* y = args.out[0];
  const Param* bias = a.has_bias ? args.node->param("bias") : nullptr;
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = 0; j < o; ++j) y[i * o + j] = bias ? bias->data[j] : 0.0f;
  }
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(n), static_cast<int>(o),
              static_cast<int>(k), 1.0f, args.in[0], static_cast<int>(k),
              args.node->param("weight")->data.data(), static_cast<int>(k), 1.0f, y,
              static_cast<int>(o));
}

}  // namespace synergy::blas
