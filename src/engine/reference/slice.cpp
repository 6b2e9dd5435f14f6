// Slice with constant starts, ends, axes and steps (ONNX semantics; the output shape comes from
// shape inference, the first index per axis is computed here).
#include <algorithm>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

class SliceKernel : public Kernel {
 public:
  explicit SliceKernel(const Setup& s)
      : out_dims_(s.out(0).dims),
        in_strides_(strides_of(s.in(0))),
        begin_(s.in(0).rank(), 0),
        step_(s.in(0).rank(), 1),
        index_(out_dims_.size(), 0) {
    const auto& a = s.node.as<SliceAttrs>();
    const auto rank = static_cast<int64_t>(s.in(0).rank());
    for (size_t i = 0; i < a.starts.size(); ++i) {
      int64_t axis = a.axes.empty() ? static_cast<int64_t>(i) : a.axes[i];
      if (axis < 0) axis += rank;
      const auto ax = static_cast<size_t>(axis);
      const int64_t dim = s.in(0)[ax], step = a.steps.empty() ? 1 : a.steps[i];
      int64_t start = a.starts[i] < 0 ? a.starts[i] + dim : a.starts[i];
      // ONNX: starts clamp to [0, dim] stepping forward, [0, dim - 1] stepping backward.
      start = std::clamp<int64_t>(start, 0, std::max<int64_t>(step > 0 ? dim : dim - 1, 0));
      begin_[ax] = start;
      step_[ax] = step;
    }
  }

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    if (std::find(out_dims_.begin(), out_dims_.end(), 0) != out_dims_.end()) return;
    const size_t rank = out_dims_.size();
    const int64_t inner = rank ? out_dims_[rank - 1] : 1;
    const int64_t step = rank ? step_[rank - 1] * in_strides_[rank - 1] : 0;
    const int64_t first = rank ? begin_[rank - 1] * in_strides_[rank - 1] : 0;
    std::fill(index_.begin(), index_.end(), 0);
    float* dst = out[0];
    do {
      int64_t offset = first;
      for (size_t i = 0; i + 1 < rank; ++i) {
        offset += (begin_[i] + index_[i] * step_[i]) * in_strides_[i];
      }
      const float* src = in[0] + offset;
      for (int64_t x = 0; x < inner; ++x) *dst++ = src[x * step];
    } while (next_row(index_, out_dims_));
  }

 private:
  Dims out_dims_, in_strides_, begin_, step_;
  Dims index_;  // scratch
};

}  // namespace

std::unique_ptr<Kernel> slice(const Setup& s) {
  return std::make_unique<SliceKernel>(s);
}

}  // namespace synergy::reference
