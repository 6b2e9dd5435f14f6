// Transpose: output axis i is input axis perm[i].
#include <algorithm>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

class TransposeKernel : public Kernel {
 public:
  explicit TransposeKernel(const Setup& s) : out_dims_(s.out(0).dims), index_(out_dims_.size(), 0) {
    const Dims in_strides = strides_of(s.in(0));
    const Dims& perm = s.node.as<TransposeAttrs>().perm;
    const auto rank = static_cast<int64_t>(perm.size());
    for (int64_t p : perm)
      strides_.push_back(in_strides[static_cast<size_t>(p < 0 ? p + rank : p)]);
  }

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    if (std::find(out_dims_.begin(), out_dims_.end(), 0) != out_dims_.end()) return;
    const size_t rank = out_dims_.size();
    const int64_t inner = rank ? out_dims_[rank - 1] : 1, step = rank ? strides_[rank - 1] : 0;
    std::fill(index_.begin(), index_.end(), 0);
    float* dst = out[0];
    do {
      int64_t offset = 0;
      for (size_t i = 0; i + 1 < rank; ++i) offset += index_[i] * strides_[i];
      const float* src = in[0] + offset;
      for (int64_t x = 0; x < inner; ++x) *dst++ = src[x * step];
    } while (next_row(index_, out_dims_));
  }

 private:
  Dims out_dims_, strides_;
  Dims index_;  // scratch
};

}  // namespace

std::unique_ptr<Kernel> transpose(const Setup& s) {
  return std::make_unique<TransposeKernel>(s);
}

}  // namespace synergy::reference
