// Batch norm at inference: y = scale * (x - mean) / sqrt(variance + epsilon) + bias per channel,
// evaluated as y = (x - mean) * k + bias with k = scale / sqrt(variance + epsilon) computed in
// double when the kernel is made.
#include <cmath>
#include <vector>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

class BatchNormKernel : public Kernel {
 public:
  explicit BatchNormKernel(const Setup& s)
      : shape_(s.in(0)), bias_(s.param("bias")), mean_(s.param("mean")) {
    const double epsilon = s.node.as<BatchNormAttrs>().epsilon;
    const float* scale = s.param("scale");
    const float* variance = s.param("variance");
    for (int64_t ch = 0; ch < shape_[1]; ++ch) {
      k_.push_back(static_cast<float>(scale[ch] / std::sqrt(variance[ch] + epsilon)));
    }
  }

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    const int64_t c = shape_[1], inner = span_size(shape_, 2, shape_.rank());
    for (int64_t n = 0; n < shape_[0]; ++n) {
      for (int64_t ch = 0; ch < c; ++ch) {
        const float k = k_[static_cast<size_t>(ch)], mean = mean_[ch], bias = bias_[ch];
        const float* x = in[0] + (n * c + ch) * inner;
        float* y = out[0] + (n * c + ch) * inner;
        for (int64_t i = 0; i < inner; ++i) y[i] = (x[i] - mean) * k + bias;
      }
    }
  }

 private:
  Shape shape_;
  const float* bias_;
  const float* mean_;
  std::vector<float> k_;  // per channel
};

}  // namespace

std::unique_ptr<Kernel> batch_norm(const Setup& s) {
  return std::make_unique<BatchNormKernel>(s);
}

}  // namespace synergy::reference
