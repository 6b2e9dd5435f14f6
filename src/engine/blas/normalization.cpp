// Per-channel affine ops (batch norm, scale), local response normalisation and softmax.
#include <algorithm>
#include <cmath>

#include "engine/blas/kernels.hpp"

namespace synergy::blas {
namespace {

// y = x * mul[c] + add[c] over every channel plane (channels on axis 1).
void per_channel(const KernelArgs& args, const std::vector<float>& mul,
                 const std::vector<float>& add) {
  const Shape& s = args.in_shapes[0];
  const int64_t n = s[0], c = s[1], inner = s.numel() / std::max<int64_t>(n * c, 1);
  for (int64_t i = 0; i < n * c; ++i) {
    const auto ch = static_cast<size_t>(i % c);
    const float* x = args.in[0] + i * inner;
    float* y = args.out[0] + i * inner;
    for (int64_t j = 0; j < inner; ++j) y[j] = x[j] * mul[ch] + add[ch];
  }
}

}  // namespace

void batch_norm(KernelArgs& args) {
  per_channel(args, args.prepared.mul, args.prepared.add);
}

void scale(KernelArgs& args) {
  per_channel(args, args.prepared.mul, args.prepared.add);
}

void prepare_batch_norm(KernelArgs& args) {
  const float eps = args.node->as<BatchNormAttrs>().epsilon;
  const auto& gamma = args.node->param("scale")->data;
  const auto& beta = args.node->param("bias")->data;
  const auto& mean = args.node->param("mean")->data;
  const auto& var = args.node->param("variance")->data;
  std::vector<float>& mul = args.prepared.mul;
  std::vector<float>& add = args.prepared.add;
  mul.resize(gamma.size());
  add.resize(gamma.size());
  for (size_t c = 0; c < gamma.size(); ++c) {
    mul[c] = gamma[c] / std::sqrt(var[c] + eps);
    add[c] = beta[c] - mean[c] * mul[c];
  }
}

void prepare_scale(KernelArgs& args) {
  args.prepared.mul = args.node->param("scale")->data;
  const Param* bias = args.node->param("bias");
  args.prepared.add = bias ? bias->data : std::vector<float>(args.prepared.mul.size(), 0.0f);
}

// Caffe's LRN: window [c - (size-1)/2, c - (size-1)/2 + size), alpha divided by the window size.
void lrn(KernelArgs& args) {
  const auto& a = args.node->as<LrnAttrs>();
  const Shape& s = args.in_shapes[0];
  const int64_t c = s[1], h = s[2], w = s[3], plane = h * w, pre = (a.size - 1) / 2;
  const float alpha = a.across_channels ? a.alpha / static_cast<float>(a.size)
                                        : a.alpha / static_cast<float>(a.size * a.size);
  for (int64_t n = 0; n < s[0]; ++n) {
    const float* x = args.in[0] + n * c * plane;
    float* y = args.out[0] + n * c * plane;
    for (int64_t ch = 0; ch < c; ++ch) {
      for (int64_t yy = 0; yy < h; ++yy) {
        for (int64_t xx = 0; xx < w; ++xx) {
          float sum = 0.0f;
          if (a.across_channels) {
            for (int64_t k = std::max<int64_t>(ch - pre, 0); k < std::min(ch - pre + a.size, c);
                 ++k) {
              const float v = x[k * plane + yy * w + xx];
              sum += v * v;
            }
          } else {
            for (int64_t i = std::max<int64_t>(yy - pre, 0); i < std::min(yy - pre + a.size, h);
                 ++i) {
              for (int64_t j = std::max<int64_t>(xx - pre, 0); j < std::min(xx - pre + a.size, w);
                   ++j) {
                const float v = x[ch * plane + i * w + j];
                sum += v * v;
              }
            }
          }
          const int64_t at = ch * plane + yy * w + xx;
          y[at] = x[at] * std::pow(a.bias + alpha * sum, -a.beta);
        }
      }
    }
  }
}

void softmax(KernelArgs& args) {
  const Shape& s = args.in_shapes[0];
  const auto axis =
      static_cast<size_t>(args.node->as<SoftmaxAttrs>().axis < 0
                              ? args.node->as<SoftmaxAttrs>().axis + static_cast<int64_t>(s.rank())
                              : args.node->as<SoftmaxAttrs>().axis);
  int64_t outer = 1, inner = 1;
  for (size_t i = 0; i < axis; ++i) outer *= s[i];
  for (size_t i = axis + 1; i < s.rank(); ++i) inner *= s[i];
  const int64_t d = s[axis];
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t in = 0; in < inner; ++in) {
      const float* x = args.in[0] + o * d * inner + in;
      float* y = args.out[0] + o * d * inner + in;
      float m = x[0];
      for (int64_t k = 1; k < d; ++k) m = std::max(m, x[k * inner]);
      float sum = 0.0f;
      for (int64_t k = 0; k < d; ++k) sum += (y[k * inner] = std::exp(x[k * inner] - m));
      for (int64_t k = 0; k < d; ++k) y[k * inner] /= sum;
    }
  }
}

}  // namespace synergy::blas
