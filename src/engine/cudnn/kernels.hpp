// Small CUDA kernels for the ops cuDNN and cuBLAS do not cover (kernels.cu). Plain types only,
// so this header compiles with or without nvcc. Every launcher enqueues on `stream` and returns
// the launch status. Tensors are stored as `storage` (float, Half or BFloat16 elements);
// per-channel parameters (scale, bias) are float32; arithmetic is float32.
#pragma once

#include <cuda_runtime.h>

#include <cstdint>

#include "engine/cudnn/element_rules.hpp"

namespace synergy::cudnn {

// out[i] = in[i] converted between storage types (float32 upload and download).
cudaError_t launch_convert(const void* in, Storage from, void* out, Storage to, int64_t count,
                           cudaStream_t stream);

// out[i] = in[view(i)]: transpose, slice, broadcast copies.
cudaError_t launch_gather(Storage storage, const void* in, void* out, int64_t count,
                          const StridedView& view, cudaStream_t stream);

enum class BinaryOp : int { Add = 0, Mul = 1 };
cudaError_t launch_binary(Storage storage, BinaryOp op, const void* a, const StridedView& va,
                          const void* b, const StridedView& vb, void* out, int64_t count,
                          cudaStream_t stream);

// y = x * (scale ? scale[c] : 1) + (bias ? bias[c] : 0), c = (i / inner) % channels.
cudaError_t launch_channel_affine(Storage storage, const void* x, void* y, const float* scale,
                                  const float* bias, int64_t count, int64_t channels, int64_t inner,
                                  cudaStream_t stream);

// Matches ActivationKind's order in graph/attrs.hpp.
cudaError_t launch_activation(Storage storage, int kind, float alpha, float beta, const void* x,
                              void* y, int64_t count, cudaStream_t stream);

cudaError_t launch_pad(Storage storage, const void* in, void* out, int64_t count,
                       const PadView& view, int mode, float value, cudaStream_t stream);

// Each output element averages `reduced_count` input elements: its base is view(i) (kept dims),
// the rest walks `reduced` (dims and strides of the reduced axes).
cudaError_t launch_reduce_mean(Storage storage, const void* in, void* out, int64_t count,
                               const StridedView& kept, const StridedView& reduced,
                               int64_t reduced_count, cudaStream_t stream);

cudaError_t launch_pool(Storage storage, const void* in, void* out, const PoolGeometry& g,
                        cudaStream_t stream);

cudaError_t launch_lrn(Storage storage, const void* in, void* out, const LrnGeometry& g,
                       cudaStream_t stream);

cudaError_t launch_softmax(Storage storage, const void* in, void* out, const SoftmaxGeometry& g,
                           cudaStream_t stream);

}  // namespace synergy::cudnn
