// Small CUDA kernels for the ops cuDNN and cuBLAS do not cover (kernels.cu). Plain types only,
// so this header compiles with or without nvcc. Every launcher enqueues on `stream` and returns
// the launch status.
#pragma once

#include <cuda_runtime.h>

#include <cstdint>

#include "engine/cudnn/element_rules.hpp"

namespace synergy::cudnn {

// out[i] = in[view(i)]: transpose, slice, broadcast copies.
cudaError_t launch_gather(const float* in, float* out, int64_t count, const StridedView& view,
                          cudaStream_t stream);

enum class BinaryOp : int { Add = 0, Mul = 1 };
cudaError_t launch_binary(BinaryOp op, const float* a, const StridedView& va, const float* b,
                          const StridedView& vb, float* out, int64_t count, cudaStream_t stream);

// y = x * scale[c] + (bias ? bias[c] : 0), c = (i / inner) % channels.
cudaError_t launch_channel_affine(const float* x, float* y, const float* scale, const float* bias,
                                  int64_t count, int64_t channels, int64_t inner,
                                  cudaStream_t stream);

// Matches ActivationKind's order in graph/attrs.hpp.
cudaError_t launch_activation(int kind, float alpha, float beta, const float* x, float* y,
                              int64_t count, cudaStream_t stream);

cudaError_t launch_pad(const float* in, float* out, int64_t count, const PadView& view, int mode,
                       float value, cudaStream_t stream);

// Each output element averages `reduced_count` input elements: its base is view(i) (kept dims),
// the rest walks `reduced` (dims and strides of the reduced axes).
cudaError_t launch_reduce_mean(const float* in, float* out, int64_t count, const StridedView& kept,
                               const StridedView& reduced, int64_t reduced_count,
                               cudaStream_t stream);

cudaError_t launch_pool(const float* in, float* out, const PoolGeometry& g, cudaStream_t stream);

cudaError_t launch_lrn(const float* in, float* out, const LrnGeometry& g, cudaStream_t stream);

}  // namespace synergy::cudnn
