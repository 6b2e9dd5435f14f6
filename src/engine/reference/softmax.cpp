// Softmax along one axis (ONNX opset 13): exp(x - max) / sum exp(x - max).
#include <cmath>
#include <vector>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

class SoftmaxKernel : public Kernel {
 public:
  explicit SoftmaxKernel(const Setup& s) {
    const Shape& shape = s.in(0);
    int64_t axis = s.node.as<SoftmaxAttrs>().axis;
    if (axis < 0) axis += static_cast<int64_t>(shape.rank());
    const auto a = static_cast<size_t>(axis);
    outer_ = span_size(shape, 0, a);
    length_ = shape[a];
    inner_ = span_size(shape, a + 1, shape.rank());
    exps_.resize(static_cast<size_t>(length_));
  }

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    for (int64_t o = 0; o < outer_; ++o) {
      for (int64_t i = 0; i < inner_; ++i) {
        const float* x = in[0] + o * length_ * inner_ + i;
        float* y = out[0] + o * length_ * inner_ + i;
        double m = x[0];
        for (int64_t k = 1; k < length_; ++k) m = std::max<double>(m, x[k * inner_]);
        double* e = exps_.data();
        double sum = 0.0;
        for (int64_t k = 0; k < length_; ++k) {
          e[k] = std::exp(x[k * inner_] - m);
          sum += e[k];
        }
        for (int64_t k = 0; k < length_; ++k) y[k * inner_] = static_cast<float>(e[k] / sum);
      }
    }
  }

 private:
  int64_t outer_ = 1, length_ = 1, inner_ = 1;
  std::vector<double> exps_;  // scratch: exp(x - max) along the axis
};

}  // namespace

std::unique_ptr<Kernel> softmax(const Setup& s) {
  return std::make_unique<SoftmaxKernel>(s);
}

}  // namespace synergy::reference
