// Element-wise activations with their ONNX definitions.
#include <algorithm>
#include <cmath>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

double sigmoid(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

// y[i] = f(x[i]) rounded to float.
template <class F>
void map(const float* x, float* y, int64_t n, F f) {
  for (int64_t i = 0; i < n; ++i) y[i] = static_cast<float>(f(x[i]));
}

class ActivationKernel : public Kernel {
 public:
  explicit ActivationKernel(const Setup& s)
      : a_(s.node.as<ActivationAttrs>()), count_(s.in(0).numel()) {}

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    activate(a_, in[0], out[0], count_);
  }

 private:
  ActivationAttrs a_;
  int64_t count_;
};

}  // namespace

// Relu, LeakyRelu and Clip run in float: their result is x, 0, a bound or alpha * x, and a
// product of two floats rounds to the same float from float as from exact (double) arithmetic.
// The others are evaluated in double.
void activate(const ActivationAttrs& a, const float* x, float* y, int64_t n) {
  const float alpha = a.alpha, beta = a.beta;
  switch (a.kind) {
    case ActivationKind::Relu:
      return map(x, y, n, [](float v) { return v > 0.0f ? v : 0.0f; });
    case ActivationKind::LeakyRelu:
      return map(x, y, n, [alpha](float v) { return v >= 0.0f ? v : alpha * v; });
    case ActivationKind::Clip:
      return map(x, y, n, [alpha, beta](float v) { return std::min(std::max(v, alpha), beta); });
    case ActivationKind::Sigmoid:
      return map(x, y, n, [](double v) { return sigmoid(v); });
    case ActivationKind::HardSigmoid:
      return map(x, y, n,
                 [alpha, beta](double v) { return std::clamp(alpha * v + beta, 0.0, 1.0); });
    case ActivationKind::HardSwish:  // ONNX: x * max(0, min(1, x / 6 + 1 / 2))
      return map(x, y, n, [](double v) { return v * std::clamp(v / 6.0 + 0.5, 0.0, 1.0); });
    case ActivationKind::Silu:
      return map(x, y, n, [](double v) { return v * sigmoid(v); });
    case ActivationKind::Tanh:
      return map(x, y, n, [](double v) { return std::tanh(v); });
  }
}

std::unique_ptr<Kernel> activation(const Setup& s) {
  return std::make_unique<ActivationKernel>(s);
}

}  // namespace synergy::reference
