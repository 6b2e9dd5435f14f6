// Concatenation along one axis: each input contributes a contiguous chunk per outer index.
#include <cstring>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

int64_t axis_of(int64_t axis, size_t rank) {
  return axis < 0 ? axis + static_cast<int64_t>(rank) : axis;
}

class ConcatKernel : public Kernel {
 public:
  explicit ConcatKernel(const Setup& s) {
    const auto axis = static_cast<size_t>(axis_of(s.node.as<ConcatAttrs>().axis, s.out(0).rank()));
    outer_ = span_size(s.out(0), 0, axis);
    for (size_t i = 0; i < s.node.inputs.size(); ++i) {
      chunks_.push_back(span_size(s.in(i), axis, s.in(i).rank()));
    }
  }

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    float* dst = out[0];
    for (int64_t o = 0; o < outer_; ++o) {
      for (size_t i = 0; i < chunks_.size(); ++i) {
        const auto bytes = static_cast<size_t>(chunks_[i]) * sizeof(float);
        if (bytes) std::memcpy(dst, in[i] + o * chunks_[i], bytes);
        dst += chunks_[i];
      }
    }
  }

 private:
  int64_t outer_ = 1;
  std::vector<int64_t> chunks_;
};

}  // namespace

std::unique_ptr<Kernel> concat(const Setup& s) {
  return std::make_unique<ConcatKernel>(s);
}

}  // namespace synergy::reference
