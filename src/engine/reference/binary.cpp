// Element-wise add and multiply with numpy broadcasting: each input is read through strides
// that are 0 on its broadcast axes.
#include <algorithm>

#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

// Strides of `in` aligned to the output's rank, 0 where `in` is broadcast.
Dims broadcast_strides(const Shape& in, const Shape& out) {
  const Dims own = strides_of(in);
  Dims st(out.rank(), 0);
  const size_t offset = out.rank() - in.rank();
  for (size_t i = 0; i < in.rank(); ++i) st[offset + i] = in[i] == 1 ? 0 : own[i];
  return st;
}

class BinaryKernel : public Kernel {
 public:
  explicit BinaryKernel(const Setup& s)
      : kind_(s.node.as<BinaryAttrs>().kind),
        dims_(s.out(0).dims),
        a_strides_(broadcast_strides(s.in(0), s.out(0))),
        b_strides_(broadcast_strides(s.in(1), s.out(0))),
        index_(dims_.size(), 0),
        count_(s.in(0) == s.out(0) && s.in(1) == s.out(0) ? s.out(0).numel() : -1) {}

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    if (kind_ == BinaryKind::Add) {
      apply(in[0], in[1], out[0], [](float a, float b) { return a + b; });
    } else {
      apply(in[0], in[1], out[0], [](float a, float b) { return a * b; });
    }
  }

 private:
  template <class Op>
  void apply(const float* a, const float* b, float* dst, Op op) {
    if (count_ >= 0) {  // no broadcasting
      for (int64_t i = 0; i < count_; ++i) dst[i] = op(a[i], b[i]);
      return;
    }
    const size_t rank = dims_.size();
    std::fill(index_.begin(), index_.end(), 0);
    const int64_t inner = rank ? dims_[rank - 1] : 1;
    const int64_t sa = rank ? a_strides_[rank - 1] : 0, sb = rank ? b_strides_[rank - 1] : 0;
    do {
      int64_t oa = 0, ob = 0;
      for (size_t i = 0; i + 1 < rank; ++i) {
        oa += index_[i] * a_strides_[i];
        ob += index_[i] * b_strides_[i];
      }
      for (int64_t x = 0; x < inner; ++x) *dst++ = op(a[oa + x * sa], b[ob + x * sb]);
    } while (next_row(index_, dims_));
  }

  BinaryKind kind_;
  Dims dims_, a_strides_, b_strides_;
  Dims index_;     // scratch, sized at plan time
  int64_t count_;  // elements when neither input is broadcast, else -1
};

}  // namespace

std::unique_ptr<Kernel> binary(const Setup& s) {
  return std::make_unique<BinaryKernel>(s);
}

}  // namespace synergy::reference
