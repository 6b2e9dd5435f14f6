// Direct convolution: grouped, strided, dilated, asymmetric padding. Each output plane is
// accumulated tap by tap so the inner loop runs over a contiguous output row.
#include "engine/reference/kernels.hpp"

namespace synergy::reference {
namespace {

// Below this many MACs a layer runs on one thread: waking a team costs more than it saves.
constexpr int64_t kMinParallelMacs = 1 << 18;

// First output index o >= 0 whose input position o*stride + offset is >= 0.
int64_t first_valid(int64_t offset, int64_t stride) {
  return offset >= 0 ? 0 : (-offset + stride - 1) / stride;
}

// One past the last output index (< out) whose input position is < size.
int64_t end_valid(int64_t offset, int64_t stride, int64_t size, int64_t out) {
  if (size - offset <= 0) return 0;
  return std::min(out, (size - offset + stride - 1) / stride);
}

class ConvKernel : public Kernel {
 public:
  explicit ConvKernel(const Setup& s)
      : a_(s.node.as<ConvAttrs>()),
        in_(s.in(0)),
        out_(s.out(0)),
        weight_(s.param("weight")),
        bias_(a_.has_bias ? s.param("bias") : nullptr),
        threads_(s.threads),
        taps_(a_.kernel.h * a_.kernel.w * in_[1] / a_.groups) {}

  void run(std::span<const float* const> in, std::span<float* const> out) override {
    const int64_t planes = out_[0] * out_[1];
    const bool worth_threads =
        threads_ > 1 && planes > 1 && out_.numel() * taps_ >= kMinParallelMacs;
#pragma omp parallel for num_threads(threads_) schedule(static) if (worth_threads)
    for (int64_t p = 0; p < planes; ++p) plane(in[0], out[0], p / out_[1], p % out_[1]);
  }

 private:
  void plane(const float* x, float* y, int64_t n, int64_t oc) const {
    const int64_t c = in_[1], h = in_[2], w = in_[3], oh = out_[2], ow = out_[3];
    const int64_t cg = c / a_.groups, ocg = out_[1] / a_.groups, g = oc / ocg;
    float* dst = y + (n * out_[1] + oc) * oh * ow;
    const float b = bias_ ? bias_[oc] : 0.0f;
    for (int64_t i = 0; i < oh * ow; ++i) dst[i] = b;
    for (int64_t icg = 0; icg < cg; ++icg) {
      const float* src = x + (n * c + g * cg + icg) * h * w;
      const float* wk = weight_ + ((oc * cg + icg) * a_.kernel.h) * a_.kernel.w;
      for (int64_t kh = 0; kh < a_.kernel.h; ++kh) {
        for (int64_t kw = 0; kw < a_.kernel.w; ++kw) {
          tap(src, dst, wk[kh * a_.kernel.w + kw], kh * a_.dilation.h - a_.pads.top,
              kw * a_.dilation.w - a_.pads.left);
        }
      }
    }
  }

  // dst[y][x] += weight * src[y*stride_h + dy][x*stride_w + dx] wherever the source exists.
  void tap(const float* src, float* dst, float weight, int64_t dy, int64_t dx) const {
    const int64_t h = in_[2], w = in_[3], oh = out_[2], ow = out_[3];
    const int64_t sh = a_.stride.h, sw = a_.stride.w;
    const int64_t y0 = first_valid(dy, sh), y1 = end_valid(dy, sh, h, oh);
    const int64_t x0 = first_valid(dx, sw), x1 = end_valid(dx, sw, w, ow);
    for (int64_t y = y0; y < y1; ++y) {
      const float* row = src + (y * sh + dy) * w + dx;
      float* out = dst + y * ow;
      if (sw == 1) {
        for (int64_t x = x0; x < x1; ++x) out[x] += weight * row[x];
      } else {
        for (int64_t x = x0; x < x1; ++x) out[x] += weight * row[x * sw];
      }
    }
  }

  ConvAttrs a_;
  Shape in_, out_;
  const float* weight_;
  const float* bias_;
  int threads_;
  int64_t taps_;  // MACs per output element
};

}  // namespace

std::unique_ptr<Kernel> conv(const Setup& s) {
  return std::make_unique<ConvKernel>(s);
}

}  // namespace synergy::reference
