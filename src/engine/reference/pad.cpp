// Padding: constant value, reflection (without repeating the edge) or edge replication.
#include <algorithm>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

class PadKernel : public Kernel {
 public:
  explicit PadKernel(const Setup& s)
      : a_(s.node.as<PadAttrs>()),
        in_dims_(s.in(0).dims),
        out_dims_(s.out(0).dims),
        in_strides_(strides_of(s.in(0))),
        index_(out_dims_.size(), 0) {}

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    for (int64_t d : out_dims_)
      if (d == 0) return;
    std::fill(index_.begin(), index_.end(), 0);
    float* dst = out[0];
    do {
      *dst++ = value_at(in[0]);
    } while (next_index(index_, out_dims_));
  }

 private:
  float value_at(const float* src) const {
    int64_t offset = 0;
    for (size_t i = 0; i < index_.size(); ++i) {
      int64_t c = index_[i] - a_.pads[i];
      const int64_t dim = in_dims_[i];
      if (c < 0 || c >= dim) {
        if (a_.mode == PadMode::Constant || dim == 0) return a_.value;
        if (a_.mode == PadMode::Edge) {
          c = std::clamp<int64_t>(c, 0, dim - 1);
        } else {
          c = c < 0 ? -c : 2 * (dim - 1) - c;
        }
      }
      offset += c * in_strides_[i];
    }
    return src[offset];
  }

  PadAttrs a_;
  Dims in_dims_, out_dims_, in_strides_;
  Dims index_;  // scratch
};

}  // namespace

std::unique_ptr<Kernel> pad(const Setup& s) {
  return std::make_unique<PadKernel>(s);
}

}  // namespace synergy::reference
