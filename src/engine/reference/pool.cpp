// Max and average pooling. Windows clip to the input; the average divisor counts the padded
// window clipped to the padded extent (count_include_pad, Caffe and PyTorch) or only the input
// elements it covers. A window that covers no input element gives 0.
#include <algorithm>
#include <limits>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

class PoolKernel : public Kernel {
 public:
  explicit PoolKernel(const Setup& s) : a_(s.node.as<PoolAttrs>()), in_(s.in(0)), out_(s.out(0)) {
    if (a_.global) {
      a_.kernel = {in_[2], in_[3]};
      a_.stride = {1, 1};
      a_.pads = {};
    }
  }

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    const int64_t planes = in_[0] * in_[1];
    for (int64_t p = 0; p < planes; ++p) {
      plane(in[0] + p * in_[2] * in_[3], out[0] + p * out_[2] * out_[3]);
    }
  }

 private:
  void plane(const float* src, float* dst) const {
    const int64_t h = in_[2], w = in_[3];
    for (int64_t oy = 0; oy < out_[2]; ++oy) {
      int64_t y0 = oy * a_.stride.h - a_.pads.top;
      int64_t y1 = std::min(y0 + a_.kernel.h, h + a_.pads.bottom);
      const int64_t rows = y1 - y0;
      y0 = std::max<int64_t>(y0, 0);
      y1 = std::min(y1, h);
      for (int64_t ox = 0; ox < out_[3]; ++ox) {
        int64_t x0 = ox * a_.stride.w - a_.pads.left;
        int64_t x1 = std::min(x0 + a_.kernel.w, w + a_.pads.right);
        const int64_t padded_count = rows * (x1 - x0);
        x0 = std::max<int64_t>(x0, 0);
        x1 = std::min(x1, w);
        dst[oy * out_[3] + ox] = window(src, y0, y1, x0, x1, padded_count);
      }
    }
  }

  float window(const float* src, int64_t y0, int64_t y1, int64_t x0, int64_t x1,
               int64_t padded_count) const {
    if (y1 <= y0 || x1 <= x0) return 0.0f;
    const int64_t w = in_[3];
    if (a_.kind == PoolKind::Max) {
      float m = -std::numeric_limits<float>::infinity();
      for (int64_t y = y0; y < y1; ++y)
        for (int64_t x = x0; x < x1; ++x) m = std::max(m, src[y * w + x]);
      return m;
    }
    double sum = 0.0;
    for (int64_t y = y0; y < y1; ++y)
      for (int64_t x = x0; x < x1; ++x) sum += src[y * w + x];
    const int64_t count = a_.count_include_pad ? padded_count : (y1 - y0) * (x1 - x0);
    return static_cast<float>(sum / static_cast<double>(count));
  }

  PoolAttrs a_;
  Shape in_, out_;
};

}  // namespace

std::unique_ptr<Kernel> pool(const Setup& s) {
  return std::make_unique<PoolKernel>(s);
}

}  // namespace synergy::reference
