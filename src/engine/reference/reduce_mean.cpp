// Mean over a set of axes (all axes when none are given), accumulated in double.
#include <algorithm>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

class ReduceMeanKernel : public Kernel {
 public:
  explicit ReduceMeanKernel(const Setup& s)
      : in_dims_(s.in(0).dims),
        index_(in_dims_.size(), 0),
        sums_(static_cast<size_t>(s.out(0).numel())) {
    const auto& a = s.node.as<ReduceMeanAttrs>();
    const size_t rank = in_dims_.size();
    std::vector<bool> reduce(rank, a.axes.empty());
    for (int64_t ax : a.axes)
      reduce[static_cast<size_t>(ax < 0 ? ax + static_cast<int64_t>(rank) : ax)] = true;
    // Output strides over the input's axes: 0 on reduced axes (keepdims or not, same layout).
    Shape kept;
    for (size_t i = 0; i < rank; ++i) kept.dims.push_back(reduce[i] ? 1 : in_dims_[i]);
    out_strides_ = strides_of(kept);
    for (size_t i = 0; i < rank; ++i) {
      if (reduce[i]) {
        out_strides_[i] = 0;
        count_ *= in_dims_[i];
      }
    }
  }

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    std::fill(sums_.begin(), sums_.end(), 0.0);
    if (std::find(in_dims_.begin(), in_dims_.end(), 0) == in_dims_.end()) {
      const size_t rank = in_dims_.size();
      const int64_t inner = rank ? in_dims_[rank - 1] : 1, step = rank ? out_strides_[rank - 1] : 0;
      std::fill(index_.begin(), index_.end(), 0);
      const float* src = in[0];
      do {
        int64_t o = 0;
        for (size_t i = 0; i + 1 < rank; ++i) o += index_[i] * out_strides_[i];
        double* sum = sums_.data() + o;
        for (int64_t x = 0; x < inner; ++x) sum[x * step] += src[x];
        src += inner;
      } while (next_row(index_, in_dims_));
    }
    for (size_t o = 0; o < sums_.size(); ++o) {
      out[0][o] = static_cast<float>(sums_[o] / static_cast<double>(std::max<int64_t>(count_, 1)));
    }
  }

 private:
  Dims in_dims_, out_strides_;
  Dims index_;                // scratch
  std::vector<double> sums_;  // scratch
  int64_t count_ = 1;
};

}  // namespace

std::unique_ptr<Kernel> reduce_mean(const Setup& s) {
  return std::make_unique<ReduceMeanKernel>(s);
}

}  // namespace synergy::reference
