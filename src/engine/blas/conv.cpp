// Convolution the Caffe way: im2col per image and group, then one sgemm; 1x1 stride-1 unpadded
// convolutions multiply the input directly. Fully-connected layers are one sgemm.
#include <cblas.h>

#include <algorithm>
#include <vector>

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
        // Output columns [x0, x1) read inside the input row: 0 <= xo*sw + dx < w.
        const int64_t dx = j * g.dw - g.pl;
        const int64_t x0 = std::min(g.ow, dx >= 0 ? 0 : (-dx + g.sw - 1) / g.sw);
        const int64_t x1 = std::clamp<int64_t>((g.w - dx + g.sw - 1) / g.sw, x0, g.ow);
        for (int64_t y = 0; y < g.oh; ++y) {
          const int64_t iy = y * g.sh - g.pt + i * g.dh;
          float* dst = row + y * g.ow;
          if (iy < 0 || iy >= g.h) {
            std::fill(dst, dst + g.ow, 0.0f);
            continue;
          }
          const float* src = x + (c * g.h + iy) * g.w;
          std::fill(dst, dst + x0, 0.0f);
          if (g.sw != 1) {
            for (int64_t xo = x0; xo < x1; ++xo) dst[xo] = src[xo * g.sw + dx];
          } else if (x0 < x1) {
            std::copy(src + x0 + dx, src + x1 + dx, dst + x0);
          }
          std::fill(dst + x1, dst + g.ow, 0.0f);
        }
      }
    }
  }
}

bool is_pointwise(const ConvAttrs& a) {
  return a.kernel == Hw{1, 1} && a.stride == Hw{1, 1} && a.pads == Pads{};
}

class ConvKernel : public Kernel {
 public:
  explicit ConvKernel(const reference::Setup& s)
      : a_(s.node.as<ConvAttrs>()),
        in_(s.in(0)),
        out_(s.out(0)),
        g_{in_[1] / a_.groups, in_[2],      in_[3],      out_[2],     out_[3],
           a_.kernel.h,        a_.kernel.w, a_.stride.h, a_.stride.w, a_.dilation.h,
           a_.dilation.w,      a_.pads.top, a_.pads.left},
        weight_(s.param("weight")),
        bias_(a_.has_bias ? s.param("bias") : nullptr),
        pointwise_(is_pointwise(a_)) {
    if (!pointwise_) col_.resize(static_cast<size_t>(g_.c * g_.kh * g_.kw * g_.oh * g_.ow));
  }

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    const int64_t cout_g = a_.out_channels / a_.groups;
    const int64_t k = g_.c * g_.kh * g_.kw, spatial = g_.oh * g_.ow;
    for (int64_t n = 0; n < in_[0]; ++n) {
      float* y = out[0] + n * out_[1] * spatial;
      for (int64_t oc = 0; oc < out_[1]; ++oc) {
        std::fill(y + oc * spatial, y + (oc + 1) * spatial, bias_ ? bias_[oc] : 0.0f);
      }
      for (int64_t grp = 0; grp < a_.groups; ++grp) {
        const float* x = in[0] + (n * in_[1] + grp * g_.c) * g_.h * g_.w;
        const float* col = x;
        if (!pointwise_) {
          im2col(x, g_, col_.data());
          col = col_.data();
        }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, static_cast<int>(cout_g),
                    static_cast<int>(spatial), static_cast<int>(k), 1.0f,
                    weight_ + grp * cout_g * k, static_cast<int>(k), col, static_cast<int>(spatial),
                    1.0f, y + grp * cout_g * spatial, static_cast<int>(spatial));
      }
    }
  }

 private:
  ConvAttrs a_;
  Shape in_, out_;
  Geometry g_;
  const float* weight_;
  const float* bias_;
  bool pointwise_;          // multiplies the input directly
  std::vector<float> col_;  // im2col buffer of one image and group
};

class FullyConnectedKernel : public Kernel {
 public:
  explicit FullyConnectedKernel(const reference::Setup& s)
      : batch_(s.in(0)[0]),
        in_features_(s.in(0).numel() / std::max<int64_t>(batch_, 1)),
        out_features_(s.node.as<FullyConnectedAttrs>().out_features),
        weight_(s.param("weight")),
        bias_(s.node.as<FullyConnectedAttrs>().has_bias ? s.param("bias") : nullptr) {}

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    float* y = out[0];
    for (int64_t i = 0; i < batch_; ++i) {
      for (int64_t j = 0; j < out_features_; ++j) {
        y[i * out_features_ + j] = bias_ ? bias_[j] : 0.0f;
      }
    }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(batch_),
                static_cast<int>(out_features_), static_cast<int>(in_features_), 1.0f, in[0],
                static_cast<int>(in_features_), weight_, static_cast<int>(in_features_), 1.0f, y,
                static_cast<int>(out_features_));
  }

 private:
  int64_t batch_, in_features_, out_features_;
  const float* weight_;
  const float* bias_;
};

}  // namespace

std::unique_ptr<Kernel> conv(const reference::Setup& s) {
  return std::make_unique<ConvKernel>(s);
}

std::unique_ptr<Kernel> fully_connected(const reference::Setup& s) {
  return std::make_unique<FullyConnectedKernel>(s);
}

}  // namespace synergy::blas
