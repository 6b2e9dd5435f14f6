// Local response normalisation with Caffe's convention (alpha divided by the window size):
//   across channels: y = x / (bias + alpha / size * sum over channels c-(size-1)/2 .. c+size/2
//                    of x^2) ^ beta
//   within channel:  y = x / (bias + alpha / size^2 * sum over the size x size window centred
//                    on the element, zero outside the plane, of x^2) ^ beta
// (Caffe's WITHIN_CHANNEL mode uses 1 for bias; its importer sets bias accordingly.)
#include <algorithm>
#include <cmath>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

class LrnKernel : public Kernel {
 public:
  explicit LrnKernel(const Setup& s) : a_(s.node.as<LrnAttrs>()), shape_(s.in(0)) {}

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    const int64_t c = shape_[1], h = shape_[2], w = shape_[3];
    for (int64_t n = 0; n < shape_[0]; ++n)
      for (int64_t ch = 0; ch < c; ++ch)
        for (int64_t y = 0; y < h; ++y)
          for (int64_t x = 0; x < w; ++x) {
            const int64_t at = ((n * c + ch) * h + y) * w + x;
            const double sum =
                a_.across_channels ? across(in[0], n, ch, y * w + x) : within(in[0], n, ch, y, x);
            const double count = a_.across_channels ? a_.size : a_.size * a_.size;
            const double denom = std::pow(a_.bias + a_.alpha / count * sum, a_.beta);
            out[0][at] = static_cast<float>(in[0][at] / denom);
          }
  }

 private:
  double across(const float* src, int64_t n, int64_t ch, int64_t offset) const {
    const int64_t c = shape_[1], plane = shape_[2] * shape_[3];
    const int64_t lo = std::max<int64_t>(0, ch - (a_.size - 1) / 2);
    const int64_t hi = std::min(c - 1, ch + a_.size / 2);
    double sum = 0.0;
    for (int64_t k = lo; k <= hi; ++k) {
      const double v = src[(n * c + k) * plane + offset];
      sum += v * v;
    }
    return sum;
  }

  double within(const float* src, int64_t n, int64_t ch, int64_t y, int64_t x) const {
    const int64_t h = shape_[2], w = shape_[3], half = (a_.size - 1) / 2;
    const float* p = src + (n * shape_[1] + ch) * h * w;
    double sum = 0.0;
    for (int64_t yy = std::max<int64_t>(0, y - half); yy <= std::min(h - 1, y - half + a_.size - 1);
         ++yy)
      for (int64_t xx = std::max<int64_t>(0, x - half);
           xx <= std::min(w - 1, x - half + a_.size - 1); ++xx) {
        const double v = p[yy * w + xx];
        sum += v * v;
      }
    return sum;
  }

  LrnAttrs a_;
  Shape shape_;
};

}  // namespace

std::unique_ptr<Kernel> lrn(const Setup& s) {
  return std::make_unique<LrnKernel>(s);
}

}  // namespace synergy::reference
