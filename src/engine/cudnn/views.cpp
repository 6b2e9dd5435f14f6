#include "engine/cudnn/views.hpp"

#include <algorithm>

namespace synergy::cudnn {
namespace {

size_t normalized_axis(int64_t axis, size_t rank) {
  return static_cast<size_t>(axis < 0 ? axis + static_cast<int64_t>(rank) : axis);
}

int64_t floor_out(int64_t in, int64_t k, int64_t s, int64_t pad) {
  return (in + 2 * pad - k) / s + 1;
}

}  // namespace

Dims strides_of(const Dims& dims) {
  Dims s(dims.size(), 1);
  for (size_t d = dims.size(); d-- > 1;) s[d - 1] = s[d] * dims[d];
  return s;
}

StridedView view_of(const Dims& dims, const Dims& strides, int64_t offset) {
  StridedView v;
  v.rank = static_cast<int>(dims.size());
  for (size_t d = 0; d < dims.size() && d < kMaxRank; ++d) {
    v.dims[d] = dims[d];
    v.strides[d] = strides[d];
  }
  v.offset = offset;
  return v;
}

StridedView slice_view(const Shape& in, const Shape& out, const SliceAttrs& a) {
  const Dims in_strides = strides_of(in.dims);
  Dims step_strides = in_strides;
  int64_t offset = 0;
  for (size_t i = 0; i < a.starts.size(); ++i) {
    const size_t ax = normalized_axis(a.axes.empty() ? int64_t(i) : a.axes[i], in.rank());
    const int64_t dim = in[ax], step = a.steps.empty() ? 1 : a.steps[i];
    int64_t start = a.starts[i] < 0 ? a.starts[i] + dim : a.starts[i];
    start = step > 0 ? std::clamp<int64_t>(start, 0, dim) : std::clamp<int64_t>(start, -1, dim - 1);
    offset += start * in_strides[ax];
    step_strides[ax] = step * in_strides[ax];
  }
  return view_of(out.dims, step_strides, offset);
}

StridedView transpose_view(const Shape& in, const Shape& out, const TransposeAttrs& a) {
  const Dims in_strides = strides_of(in.dims);
  Dims strides(in.rank());
  for (size_t d = 0; d < in.rank(); ++d) {
    strides[d] =
        in_strides[a.perm.empty() ? in.rank() - 1 - d : normalized_axis(a.perm[d], in.rank())];
  }
  return view_of(out.dims, strides);
}

StridedView broadcast_view(const Shape& operand, const Shape& out) {
  const Dims strides = strides_of(operand.dims);
  Dims s(out.rank(), 0);
  const size_t shift = out.rank() - operand.rank();
  for (size_t d = 0; d < operand.rank(); ++d) s[d + shift] = operand[d] == 1 ? 0 : strides[d];
  return view_of(out.dims, s);
}

BinaryViews binary_views(const Shape& a, const Shape& b, const Shape& out) {
  BinaryViews v{broadcast_view(a, out), broadcast_view(b, out)};
  // Dimension d joins the kept one before it when, in both views, stepping over all of d's
  // elements is one step of the earlier dimension.
  auto joins = [](const StridedView& x, int kept, int d) {
    return x.strides[kept] == x.strides[d] * x.dims[d];
  };
  int kept = -1;
  for (int d = 0; d < v.a.rank; ++d) {
    if (kept >= 0 && joins(v.a, kept, d) && joins(v.b, kept, d)) {
      for (StridedView* x : {&v.a, &v.b}) {
        x->dims[kept] *= x->dims[d];
        x->strides[kept] = x->strides[d];
      }
      continue;
    }
    ++kept;
    for (StridedView* x : {&v.a, &v.b}) {
      x->dims[kept] = x->dims[d];
      x->strides[kept] = x->strides[d];
    }
  }
  v.a.rank = v.b.rank = kept + 1;
  return v;
}

PadView pad_view(const Shape& in, const Shape& out, const PadAttrs& a) {
  PadView v;
  v.rank = static_cast<int>(in.rank());
  for (size_t d = 0; d < in.rank() && d < kMaxRank; ++d) {
    v.in_dims[d] = in[d];
    v.out_dims[d] = out[d];
    v.begin[d] = a.pads[d];
  }
  return v;
}

ReduceViews reduce_mean_views(const Shape& in, const ReduceMeanAttrs& a) {
  std::vector<bool> reduce(in.rank(), a.axes.empty());
  for (int64_t ax : a.axes) reduce[normalized_axis(ax, in.rank())] = true;
  const Dims strides = strides_of(in.dims);
  Dims kept_dims, kept_strides, red_dims, red_strides;
  for (size_t d = 0; d < in.rank(); ++d) {
    (reduce[d] ? red_dims : kept_dims).push_back(in[d]);
    (reduce[d] ? red_strides : kept_strides).push_back(strides[d]);
  }
  ReduceViews r;
  r.kept = view_of(kept_dims, kept_strides);
  r.reduced = view_of(red_dims, red_strides);
  for (int64_t d : red_dims) r.reduced_count *= d;
  return r;
}

LrnGeometry lrn_geometry(const LrnAttrs& a, const Shape& in) {
  LrnGeometry g;
  g.n = in[0], g.c = in[1], g.h = in[2], g.w = in[3];
  g.size = a.size;
  g.alpha = a.alpha, g.beta = a.beta, g.bias = a.bias;
  g.across_channels = a.across_channels;
  return g;
}

bool cudnn_lrn_accepts(const LrnGeometry& g) {
  return g.across_channels && g.size >= 1 && g.size <= 16 && g.bias >= 1e-5f && g.beta >= 0.01f;
}

PoolGeometry pool_geometry(const PoolAttrs& attrs, const Shape& in, const Shape& out) {
  PoolAttrs a = attrs;
  if (a.global) {
    a.kernel = {in[2], in[3]};
    a.stride = {1, 1};
    a.pads = {};
  }
  PoolGeometry g;
  g.planes = in[0] * in[1];
  g.in_h = in[2], g.in_w = in[3], g.out_h = out[2], g.out_w = out[3];
  g.kernel_h = a.kernel.h, g.kernel_w = a.kernel.w, g.stride_h = a.stride.h;
  g.stride_w = a.stride.w;
  g.pad_top = a.pads.top, g.pad_left = a.pads.left, g.pad_bottom = a.pads.bottom;
  g.pad_right = a.pads.right;
  g.max = a.kind == PoolKind::Max;
  g.count_include_pad = a.count_include_pad;
  return g;
}

bool cudnn_pool_matches(const PoolGeometry& g) {
  return g.pad_top == g.pad_bottom && g.pad_left == g.pad_right && g.pad_top < g.kernel_h &&
         g.pad_left < g.kernel_w &&
         g.out_h == floor_out(g.in_h, g.kernel_h, g.stride_h, g.pad_top) &&
         g.out_w == floor_out(g.in_w, g.kernel_w, g.stride_w, g.pad_left);
}

SoftmaxGeometry softmax_geometry(const Shape& in, const SoftmaxAttrs& a) {
  const size_t axis = normalized_axis(a.axis, in.rank());
  SoftmaxGeometry g;
  g.axis = in[axis];
  for (size_t d = axis + 1; d < in.rank(); ++d) g.inner *= in[d];
  g.outer = g.axis * g.inner > 0 ? in.numel() / (g.axis * g.inner) : 0;
  return g;
}

}  // namespace synergy::cudnn
