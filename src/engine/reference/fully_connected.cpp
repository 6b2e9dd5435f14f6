// Inner product: y[n][o] = sum_k x[n][k] * W[o][k] + b[o], x flattened from axis 1.
#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

// Eight interleaved float partial sums (vectorisable, short chains) added up in double.
double dot(const float* x, const float* w, int64_t n) {
  constexpr int64_t kLanes = 8;
  float lanes[kLanes] = {};
  int64_t k = 0;
  for (; k + kLanes <= n; k += kLanes)
    for (int64_t j = 0; j < kLanes; ++j) lanes[j] += x[k + j] * w[k + j];
  double sum = 0.0;
  for (; k < n; ++k) sum += static_cast<double>(x[k]) * w[k];
  for (float l : lanes) sum += l;
  return sum;
}

class FullyConnectedKernel : public Kernel {
 public:
  explicit FullyConnectedKernel(const Setup& s)
      : batch_(s.in(0)[0]),
        in_features_(s.in(0).numel() / s.in(0)[0]),
        out_features_(s.out(0)[1]),
        weight_(s.param("weight")),
        bias_(s.node.as<FullyConnectedAttrs>().has_bias ? s.param("bias") : nullptr),
        threads_(s.threads) {}

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    const int64_t rows = batch_ * out_features_;
    const bool worth_threads = threads_ > 1 && rows > 1 && rows * in_features_ >= (1 << 18);
#pragma omp parallel for num_threads(threads_) schedule(static) if (worth_threads)
    for (int64_t r = 0; r < rows; ++r) {
      const int64_t n = r / out_features_, o = r % out_features_;
      const float* x = in[0] + n * in_features_;
      const float* w = weight_ + o * in_features_;
      out[0][r] = static_cast<float>(dot(x, w, in_features_) + (bias_ ? bias_[o] : 0.0));
    }
  }

 private:
  int64_t batch_, in_features_, out_features_;
  const float* weight_;
  const float* bias_;
  int threads_;
};

}  // namespace

std::unique_ptr<Kernel> fully_connected(const Setup& s) {
  return std::make_unique<FullyConnectedKernel>(s);
}

}  // namespace synergy::reference
