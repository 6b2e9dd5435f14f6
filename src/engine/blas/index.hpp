// Multi-index helpers for the general N-D loops (broadcast, slice, transpose, pad, reduce).
#pragma once

#include "graph/shape.hpp"

namespace synergy::blas {

// Row-major strides of a shape.
inline Dims strides_of(const Shape& s) {
  Dims st(s.rank(), 1);
  for (size_t i = s.rank(); i-- > 1;) st[i - 1] = st[i] * s[i];
  return st;
}

// Strides of `in` seen at the rank of `out`, 0 along broadcast (size-1 or missing) axes.
inline Dims broadcast_strides(const Shape& in, const Shape& out) {
  const Dims st = strides_of(in);
  Dims r(out.rank(), 0);
  const size_t off = out.rank() - in.rank();
  for (size_t i = 0; i < in.rank(); ++i) r[off + i] = in[i] == 1 ? 0 : st[i];
  return r;
}

inline int64_t offset_of(const Dims& idx, const Dims& strides) {
  int64_t o = 0;
  for (size_t i = 0; i < idx.size(); ++i) o += idx[i] * strides[i];
  return o;
}

// Calls f(index, flat) for every element of `s` in row-major order; `idx` is the caller's
// workspace (no allocation once it has held s.rank() values).
template <class F>
void for_each_index(const Shape& s, Dims& idx, F f) {
  const int64_t n = s.numel();
  idx.assign(s.rank(), 0);
  for (int64_t flat = 0; flat < n; ++flat) {
    f(idx, flat);
    for (size_t d = s.rank(); d-- > 0;) {
      if (++idx[d] < s[d]) break;
      idx[d] = 0;
    }
  }
}

}  // namespace synergy::blas
