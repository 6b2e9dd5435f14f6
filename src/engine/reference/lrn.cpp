// Local response normalisation with Caffe's convention (alpha divided by the window size):
//   across channels: y = x / (bias + alpha / size * sum over channels c-(size-1)/2 .. c+size/2
//                    of x^2) ^ beta
//   within channel:  y = x / (bias + alpha / size^2 * sum over the size x size window centred
//                    on the element, zero outside the plane, of x^2) ^ beta
// (Caffe's WITHIN_CHANNEL mode uses 1 for bias; its importer sets bias accordingly.)
#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

class LrnKernel : public Kernel {
 public:
  explicit LrnKernel(const Setup& s)
      : a_(s.node.as<LrnAttrs>()),
        shape_(s.in(0)),
        alpha_(a_.alpha / static_cast<double>(a_.across_channels ? a_.size : a_.size * a_.size)),
        sums_(static_cast<size_t>(shape_[2] * shape_[3])) {}

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    const int64_t c = shape_[1], plane = shape_[2] * shape_[3];
    for (int64_t n = 0; n < shape_[0]; ++n) {
      for (int64_t ch = 0; ch < c; ++ch) {
        const float* x = in[0] + (n * c + ch) * plane;
        if (a_.across_channels) {
          across(in[0] + n * c * plane, ch);
        } else {
          within(x);
        }
        float* y = out[0] + (n * c + ch) * plane;
        if (a_.beta == 0.75f) {  // the usual exponent: two square roots instead of pow
          for (int64_t i = 0; i < plane; ++i) {
            const double base = a_.bias + alpha_ * sums_[static_cast<size_t>(i)];
            y[i] = static_cast<float>(x[i] / std::sqrt(base * std::sqrt(base)));
          }
        } else {
          for (int64_t i = 0; i < plane; ++i) {
            const double base = a_.bias + alpha_ * sums_[static_cast<size_t>(i)];
            y[i] = static_cast<float>(x[i] / std::pow(base, a_.beta));
          }
        }
      }
    }
  }

 private:
  // sums_ = the squares of channels ch-(size-1)/2 .. ch+size/2 of `image`, added plane-wise.
  void across(const float* image, int64_t ch) {
    const int64_t c = shape_[1], plane = shape_[2] * shape_[3];
    const int64_t lo = std::max<int64_t>(0, ch - (a_.size - 1) / 2);
    const int64_t hi = std::min(c - 1, ch + a_.size / 2);
    std::fill(sums_.begin(), sums_.end(), 0.0);
    double* sum = sums_.data();
    for (int64_t k = lo; k <= hi; ++k) {
      const float* p = image + k * plane;
      for (int64_t i = 0; i < plane; ++i) {
        const double v = p[i];
        sum[i] += v * v;
      }
    }
  }

  // sums_[y][x] = the squares of `p` in the size x size window on (y, x), clipped to the plane.
  void within(const float* p) {
    const int64_t h = shape_[2], w = shape_[3], half = (a_.size - 1) / 2;
    for (int64_t y = 0; y < h; ++y) {
      for (int64_t x = 0; x < w; ++x) {
        double sum = 0.0;
        for (int64_t yy = std::max<int64_t>(0, y - half);
             yy <= std::min(h - 1, y - half + a_.size - 1); ++yy)
          for (int64_t xx = std::max<int64_t>(0, x - half);
               xx <= std::min(w - 1, x - half + a_.size - 1); ++xx) {
            const double v = p[yy * w + xx];
            sum += v * v;
          }
        sums_[static_cast<size_t>(y * w + x)] = sum;
      }
    }
  }

  LrnAttrs a_;
  Shape shape_;
  double alpha_;              // alpha divided by the window size
  std::vector<double> sums_;  // scratch: one plane of window sums
};

}  // namespace

std::unique_ptr<Kernel> lrn(const Setup& s) {
  return std::make_unique<LrnKernel>(s);
}

}  // namespace synergy::reference
