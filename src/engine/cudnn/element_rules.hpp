// What one output element of each small GPU kernel computes, written once for the device
// (kernels.cu) and the host (tests replay these rules on the CPU against the reference).
// Plain C++: no CUDA header needed. Elements of type T (float, Half, BFloat16) are read as
// float32 and every sum is a float32 sum.
#pragma once

#include <cmath>
#include <cstdint>

#include "engine/cudnn/element_types.hpp"

namespace synergy::cudnn {

constexpr int kMaxRank = 6;

// Walks the output's dims in row-major order; `strides` give, for each output dim, the element
// step in one operand (0 broadcasts), `offset` its first element.
struct StridedView {
  int rank = 0;
  int64_t dims[kMaxRank] = {};
  int64_t strides[kMaxRank] = {};
  int64_t offset = 0;
};

// `begin` = pads before each dim (negative crops). mode: 0 constant, 1 reflect, 2 edge.
struct PadView {
  int rank = 0;
  int64_t out_dims[kMaxRank] = {};
  int64_t in_dims[kMaxRank] = {};
  int64_t begin[kMaxRank] = {};
};

// 2-D pooling over planes with the reference's window rules (clipped windows, empty = 0).
struct PoolGeometry {
  int64_t planes = 0, in_h = 0, in_w = 0, out_h = 0, out_w = 0;
  int64_t kernel_h = 1, kernel_w = 1, stride_h = 1, stride_w = 1;
  int64_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  bool max = true;
  bool count_include_pad = false;
};

// Local response normalisation over NCHW, Caffe's convention (alpha divided by the window).
struct LrnGeometry {
  int64_t n = 0, c = 0, h = 0, w = 0;
  int64_t size = 5;
  float alpha = 1e-4f, beta = 0.75f, bias = 1.0f;
  bool across_channels = true;
};

// i < the product of v.dims: the outermost dimension needs no modulo, and a view coalesced to
// one dimension (binary_views) costs no division at all.
SYNERGY_HD inline int64_t offset_of(int64_t i, const StridedView& v) {
  int64_t off = v.offset;
  for (int d = v.rank - 1; d > 0; --d) {
    off += (i % v.dims[d]) * v.strides[d];
    i /= v.dims[d];
  }
  return v.rank > 0 ? off + i * v.strides[0] : off;
}

// ActivationKind's order: Relu, LeakyRelu, Clip, Sigmoid, HardSigmoid, HardSwish, Silu, Tanh.
SYNERGY_HD inline float activate(int kind, float a, float b, float x) {
  switch (kind) {
    case 0:
      return x > 0.0f ? x : 0.0f;
    case 1:
      return x > 0.0f ? x : a * x;
    case 2:
      return fminf(fmaxf(x, a), b);
    case 3:
      return 1.0f / (1.0f + expf(-x));
    case 4:
      return fminf(fmaxf(a * x + b, 0.0f), 1.0f);
    case 5:
      return x * fminf(fmaxf(x / 6.0f + 0.5f, 0.0f), 1.0f);
    case 6:
      return x / (1.0f + expf(-x));
    default:
      return tanhf(x);
  }
}

// Source index along one padded dim, -1 for the constant fill.
SYNERGY_HD inline int64_t pad_source(int64_t o, int64_t n, int mode) {
  if (o >= 0 && o < n) return o;
  if (mode == 2) return o < 0 ? 0 : n - 1;
  if (mode == 1 && n > 1) {  // reflect without repeating the edge
    const int64_t period = 2 * (n - 1);
    int64_t r = o % period;
    if (r < 0) r += period;
    return r < n ? r : period - r;
  }
  return -1;
}

template <class T>
SYNERGY_HD float pad_element(const T* in, int64_t i, const PadView& v, int mode, float value) {
  int64_t rest = i, src = 0, stride = 1;
  bool inside = true;
  for (int d = v.rank - 1; d >= 0; --d) {
    const int64_t s = pad_source(rest % v.out_dims[d] - v.begin[d], v.in_dims[d], mode);
    rest /= v.out_dims[d];
    if (s < 0) inside = false;
    src += s * stride;
    stride *= v.in_dims[d];
  }
  return inside ? to_float(in[src]) : value;
}

template <class T>
SYNERGY_HD float reduce_mean_element(const T* in, int64_t i, const StridedView& kept,
                                     const StridedView& reduced, int64_t reduced_count) {
  const T* base = in + offset_of(i, kept);
  float sum = 0.0f;
  for (int64_t r = 0; r < reduced_count; ++r) sum += to_float(base[offset_of(r, reduced)]);
  return sum / static_cast<float>(reduced_count);
}

template <class T>
SYNERGY_HD float pool_element(const T* in, int64_t i, const PoolGeometry& g) {
  const int64_t ox = i % g.out_w, oy = (i / g.out_w) % g.out_h, p = i / (g.out_w * g.out_h);
  int64_t y0 = oy * g.stride_h - g.pad_top, x0 = ox * g.stride_w - g.pad_left;
  int64_t y1 = y0 + g.kernel_h < g.in_h + g.pad_bottom ? y0 + g.kernel_h : g.in_h + g.pad_bottom;
  int64_t x1 = x0 + g.kernel_w < g.in_w + g.pad_right ? x0 + g.kernel_w : g.in_w + g.pad_right;
  const int64_t padded = (y1 - y0) * (x1 - x0);
  y0 = y0 > 0 ? y0 : 0;
  x0 = x0 > 0 ? x0 : 0;
  y1 = y1 < g.in_h ? y1 : g.in_h;
  x1 = x1 < g.in_w ? x1 : g.in_w;
  if (y1 <= y0 || x1 <= x0) return 0.0f;
  const T* src = in + p * g.in_h * g.in_w;
  float acc = g.max ? -INFINITY : 0.0f;
  for (int64_t y = y0; y < y1; ++y)
    for (int64_t x = x0; x < x1; ++x) {
      const float v = to_float(src[y * g.in_w + x]);
      acc = g.max ? fmaxf(acc, v) : acc + v;
    }
  const int64_t n = g.count_include_pad ? padded : (y1 - y0) * (x1 - x0);
  return g.max ? acc : acc / static_cast<float>(n);
}

template <class T>
SYNERGY_HD float lrn_element(const T* in, int64_t i, const LrnGeometry& g) {
  const int64_t x = i % g.w, y = (i / g.w) % g.h, ch = (i / (g.w * g.h)) % g.c;
  const int64_t plane = g.h * g.w, image = i / (g.c * plane);
  float sum = 0.0f;
  if (g.across_channels) {
    const int64_t lo = ch - (g.size - 1) / 2 > 0 ? ch - (g.size - 1) / 2 : 0;
    const int64_t hi = ch + g.size / 2 < g.c - 1 ? ch + g.size / 2 : g.c - 1;
    for (int64_t k = lo; k <= hi; ++k) {
      const float v = to_float(in[(image * g.c + k) * plane + y * g.w + x]);
      sum += v * v;
    }
  } else {
    const int64_t half = (g.size - 1) / 2;
    const T* p = in + (image * g.c + ch) * plane;
    const int64_t y0 = y - half > 0 ? y - half : 0, x0 = x - half > 0 ? x - half : 0;
    const int64_t y1 = y - half + g.size - 1 < g.h - 1 ? y - half + g.size - 1 : g.h - 1;
    const int64_t x1 = x - half + g.size - 1 < g.w - 1 ? x - half + g.size - 1 : g.w - 1;
    for (int64_t yy = y0; yy <= y1; ++yy)
      for (int64_t xx = x0; xx <= x1; ++xx) {
        const float v = to_float(p[yy * g.w + xx]);
        sum += v * v;
      }
  }
  const float count = g.across_channels ? float(g.size) : float(g.size * g.size);
  return to_float(in[i]) / powf(g.bias + g.alpha / count * sum, g.beta);
}

// Softmax along the middle axis of (outer, axis, inner): one row per (outer, inner) pair.
struct SoftmaxGeometry {
  int64_t outer = 1, axis = 1, inner = 1;
};

// Writes row `row` (0 <= row < outer * inner): exp(x - max) / sum, in float32.
template <class T>
SYNERGY_HD void softmax_row(const T* in, T* out, int64_t row, const SoftmaxGeometry& g) {
  const int64_t base = (row / g.inner) * g.axis * g.inner + row % g.inner;
  float top = -INFINITY;
  for (int64_t k = 0; k < g.axis; ++k) top = fmaxf(top, to_float(in[base + k * g.inner]));
  float sum = 0.0f;
  for (int64_t k = 0; k < g.axis; ++k) sum += expf(to_float(in[base + k * g.inner]) - top);
  for (int64_t k = 0; k < g.axis; ++k)
    out[base + k * g.inner] = from_float<T>(expf(to_float(in[base + k * g.inner]) - top) / sum);
}

}  // namespace synergy::cudnn
