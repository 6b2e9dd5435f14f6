// How the GPU layers index their operands: pure functions from shapes and attributes to the
// views the small kernels walk (plain C++, testable without a GPU).
#pragma once

#include "engine/cudnn/element_rules.hpp"
#include "graph/attrs.hpp"
#include "graph/shape.hpp"

namespace synergy::cudnn {

Dims strides_of(const Dims& dims);
StridedView view_of(const Dims& dims, const Dims& strides, int64_t offset = 0);

StridedView slice_view(const Shape& in, const Shape& out, const SliceAttrs& a);
StridedView transpose_view(const Shape& in, const Shape& out, const TransposeAttrs& a);
// Numpy broadcasting: operand dims right-aligned with the output's; size-1 dims step 0.
StridedView broadcast_view(const Shape& operand, const Shape& out);
// Both operands of a binary op, with the dimensions that are contiguous (or broadcast) in both
// merged: equal shapes become one flat dimension, a per-channel operand two or three.
struct BinaryViews {
  StridedView a, b;
};
BinaryViews binary_views(const Shape& a, const Shape& b, const Shape& out);
PadView pad_view(const Shape& in, const Shape& out, const PadAttrs& a);

struct ReduceViews {
  StridedView kept, reduced;
  int64_t reduced_count = 1;
};
ReduceViews reduce_mean_views(const Shape& in, const ReduceMeanAttrs& a);

LrnGeometry lrn_geometry(const LrnAttrs& a, const Shape& in);
// Whether cuDNN's cross-channel LRN accepts these parameters (else the direct kernel runs).
bool cudnn_lrn_accepts(const LrnGeometry& g);

// Softmax as (outer, axis, inner) around its (possibly negative) axis.
SoftmaxGeometry softmax_geometry(const Shape& in, const SoftmaxAttrs& a);

PoolGeometry pool_geometry(const PoolAttrs& a, const Shape& in, const Shape& out);
// Whether cuDNN's pooling gives the reference's result for this geometry (symmetric pads
// smaller than the kernel, floor-rounded output size).
bool cudnn_pool_matches(const PoolGeometry& g);

}  // namespace synergy::cudnn
