// Batch norm at inference: y = scale * (x - mean) / sqrt(variance + epsilon) + bias per channel.
#include <cmath>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

class BatchNormKernel : public Kernel {
 public:
  explicit BatchNormKernel(const Setup& s)
      : shape_(s.in(0)),
        epsilon_(s.node.as<BatchNormAttrs>().epsilon),
        scale_(s.param("scale")),
        bias_(s.param("bias")),
        mean_(s.param("mean")),
        variance_(s.param("variance")) {}

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    const int64_t c = shape_[1], inner = span_size(shape_, 2, shape_.rank());
    for (int64_t n = 0; n < shape_[0]; ++n) {
      for (int64_t ch = 0; ch < c; ++ch) {
        const double inv_std = 1.0 / std::sqrt(static_cast<double>(variance_[ch]) + epsilon_);
        const int64_t base = (n * c + ch) * inner;
        for (int64_t i = 0; i < inner; ++i) {
          const double x = in[0][base + i];
          out[0][base + i] = static_cast<float>(scale_[ch] * (x - mean_[ch]) * inv_std + bias_[ch]);
        }
      }
    }
  }

 private:
  Shape shape_;
  double epsilon_;
  const float* scale_;
  const float* bias_;
  const float* mean_;
  const float* variance_;
};

}  // namespace

std::unique_ptr<Kernel> batch_norm(const Setup& s) {
  return std::make_unique<BatchNormKernel>(s);
}

}  // namespace synergy::reference
