// Transpose: output axis i is input axis perm[i].
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
    if (s_empty()) return;
    std::fill(index_.begin(), index_.end(), 0);
    float* dst = out[0];
    do {
      int64_t offset = 0;
      for (size_t i = 0; i < index_.size(); ++i) offset += index_[i] * strides_[i];
      *dst++ = in[0][offset];
    } while (next_index(index_, out_dims_));
  }

 private:
  bool s_empty() const {
    for (int64_t d : out_dims_)
      if (d == 0) return true;
    return false;
  }

  Dims out_dims_, strides_;
  Dims index_;  // scratch
};

}  // namespace

std::unique_ptr<Kernel> transpose(const Setup& s) {
  return std::make_unique<TransposeKernel>(s);
}

}  // namespace synergy::reference
