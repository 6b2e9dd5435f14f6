// Max and average pooling with Caffe/PyTorch window rules: an average window that includes
// padding counts the declared padding but not the extra cells ceil rounding adds.
#include <algorithm>
#include <limits>

#include "engine/blas/kernels.hpp"

namespace synergy::blas {
namespace {

struct Window {
  int64_t begin, end, padded_size;  // clipped to the input; padded_size before clipping
};

Window window(int64_t out_index, int64_t stride, int64_t kernel, int64_t pad_begin, int64_t pad_end,
              int64_t size) {
  const int64_t start = out_index * stride - pad_begin;
  const int64_t stop = std::min(start + kernel, size + pad_end);
  return {std::max<int64_t>(start, 0), std::min(stop, size), stop - start};
}

float pool_window(const float* plane, int64_t w, const Window& wy, const Window& wx,
                  const PoolAttrs& a) {
  if (a.kind == PoolKind::Max) {
    float m = -std::numeric_limits<float>::infinity();
    for (int64_t y = wy.begin; y < wy.end; ++y) {
      for (int64_t x = wx.begin; x < wx.end; ++x) m = std::max(m, plane[y * w + x]);
    }
    return m;
  }
  float sum = 0.0f;
  for (int64_t y = wy.begin; y < wy.end; ++y) {
    for (int64_t x = wx.begin; x < wx.end; ++x) sum += plane[y * w + x];
  }
  const int64_t count = a.count_include_pad ? wy.padded_size * wx.padded_size
                                            : (wy.end - wy.begin) * (wx.end - wx.begin);
  return count > 0 ? sum / static_cast<float>(count) : 0.0f;
}

}  // namespace

void pool(KernelArgs& args) {
  PoolAttrs a = args.node->as<PoolAttrs>();
  const Shape& is = args.in_shapes[0];
  const Shape& os = args.out_shapes[0];
  const int64_t h = is[2], w = is[3];
  if (a.global) {
    a.kernel = {h, w};
    a.stride = {1, 1};
    a.pads = {};
  }
  for (int64_t plane = 0; plane < is[0] * is[1]; ++plane) {
    const float* x = args.in[0] + plane * h * w;
    float* y = args.out[0] + plane * os[2] * os[3];
    for (int64_t oy = 0; oy < os[2]; ++oy) {
      const Window wy = window(oy, a.stride.h, a.kernel.h, a.pads.top, a.pads.bottom, h);
      for (int64_t ox = 0; ox < os[3]; ++ox) {
        const Window wx = window(ox, a.stride.w, a.kernel.w, a.pads.left, a.pads.right, w);
        y[oy * os[3] + ox] = pool_window(x, w, wy, wx, a);
      }
    }
  }
}

}  // namespace synergy::blas
