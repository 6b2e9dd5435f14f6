// Caffe's Scale layer: y = scale * x (+ bias) per channel (axis 1).
#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

class ScaleKernel : public Kernel {
 public:
  explicit ScaleKernel(const Setup& s)
      : shape_(s.in(0)),
        scale_(s.param("scale")),
        bias_(s.node.as<ScaleAttrs>().has_bias ? s.param("bias") : nullptr) {}

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    const int64_t c = shape_[1], inner = span_size(shape_, 2, shape_.rank());
    for (int64_t n = 0; n < shape_[0]; ++n) {
      for (int64_t ch = 0; ch < c; ++ch) {
        const float m = scale_[ch], b = bias_ ? bias_[ch] : 0.0f;
        const float* x = in[0] + (n * c + ch) * inner;
        float* y = out[0] + (n * c + ch) * inner;
        for (int64_t i = 0; i < inner; ++i) y[i] = m * x[i] + b;
      }
    }
  }

 private:
  Shape shape_;
  const float* scale_;
  const float* bias_;
};

}  // namespace

std::unique_ptr<Kernel> scale(const Setup& s) {
  return std::make_unique<ScaleKernel>(s);
}

}  // namespace synergy::reference
