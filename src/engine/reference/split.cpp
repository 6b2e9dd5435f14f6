// Split along one axis: the inverse of concatenation.
#include <cstring>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

class SplitKernel : public Kernel {
 public:
  explicit SplitKernel(const Setup& s) {
    int64_t axis = s.node.as<SplitAttrs>().axis;
    if (axis < 0) axis += static_cast<int64_t>(s.in(0).rank());
    const auto a = static_cast<size_t>(axis);
    outer_ = span_size(s.in(0), 0, a);
    for (size_t i = 0; i < s.node.outputs.size(); ++i) {
      chunks_.push_back(span_size(s.out(i), a, s.out(i).rank()));
    }
  }

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    const float* src = in[0];
    for (int64_t o = 0; o < outer_; ++o) {
      for (size_t i = 0; i < chunks_.size(); ++i) {
        const auto bytes = static_cast<size_t>(chunks_[i]) * sizeof(float);
        if (bytes) std::memcpy(out[i] + o * chunks_[i], src, bytes);
        src += chunks_[i];
      }
    }
  }

 private:
  int64_t outer_ = 1;
  std::vector<int64_t> chunks_;
};

}  // namespace

std::unique_ptr<Kernel> split(const Setup& s) {
  return std::make_unique<SplitKernel>(s);
}

}  // namespace synergy::reference
