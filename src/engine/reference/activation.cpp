// Element-wise activations with their ONNX definitions.
#include <algorithm>
#include <cmath>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

double sigmoid(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

double apply(const ActivationAttrs& a, double x) {
  switch (a.kind) {
    case ActivationKind::Relu:
      return x > 0.0 ? x : 0.0;
    case ActivationKind::LeakyRelu:
      return x >= 0.0 ? x : a.alpha * x;
    case ActivationKind::Clip:
      return std::min<double>(std::max<double>(x, a.alpha), a.beta);
    case ActivationKind::Sigmoid:
      return sigmoid(x);
    case ActivationKind::HardSigmoid:
      return std::clamp(a.alpha * x + a.beta, 0.0, 1.0);
    case ActivationKind::HardSwish:  // ONNX: x * max(0, min(1, x / 6 + 1 / 2))
      return x * std::clamp(x / 6.0 + 0.5, 0.0, 1.0);
    case ActivationKind::Silu:
      return x * sigmoid(x);
    case ActivationKind::Tanh:
      return std::tanh(x);
  }
  return x;
}

class ActivationKernel : public Kernel {
 public:
  explicit ActivationKernel(const Setup& s)
      : a_(s.node.as<ActivationAttrs>()), count_(s.in(0).numel()) {}

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    for (int64_t i = 0; i < count_; ++i) out[0][i] = static_cast<float>(apply(a_, in[0][i]));
  }

 private:
  ActivationAttrs a_;
  int64_t count_;
};

}  // namespace

std::unique_ptr<Kernel> activation(const Setup& s) {
  return std::make_unique<ActivationKernel>(s);
}

}  // namespace synergy::reference
