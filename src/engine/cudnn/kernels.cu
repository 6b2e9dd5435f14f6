// Small element-wise and indexing kernels of the cudnn backend: one thread per output element.
#include "engine/cudnn/kernels.hpp"

namespace synergy::cudnn {
namespace {

constexpr int kThreads = 256;

unsigned blocks_for(int64_t count) {
  const int64_t b = (count + kThreads - 1) / kThreads;
  return static_cast<unsigned>(b < 65535 * 64 ? b : 65535 * 64);
}

__global__ void gather_kernel(const float* in, float* out, int64_t count, StridedView v) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < count;
       i += int64_t(gridDim.x) * blockDim.x)
    out[i] = in[offset_of(i, v)];
}

__global__ void binary_kernel(int op, const float* a, StridedView va, const float* b,
                              StridedView vb, float* out, int64_t count) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < count;
       i += int64_t(gridDim.x) * blockDim.x) {
    const float x = a[offset_of(i, va)], y = b[offset_of(i, vb)];
    out[i] = op == 0 ? x + y : x * y;
  }
}

__global__ void affine_kernel(const float* x, float* y, const float* scale, const float* bias,
                              int64_t count, int64_t channels, int64_t inner) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < count;
       i += int64_t(gridDim.x) * blockDim.x) {
    const int64_t c = (i / inner) % channels;
    y[i] = x[i] * scale[c] + (bias ? bias[c] : 0.0f);
  }
}

__global__ void activation_kernel(int kind, float a, float b, const float* x, float* y,
                                  int64_t count) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < count;
       i += int64_t(gridDim.x) * blockDim.x)
    y[i] = activate(kind, a, b, x[i]);
}

__global__ void pad_kernel(const float* in, float* out, int64_t count, PadView v, int mode,
                           float value) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < count;
       i += int64_t(gridDim.x) * blockDim.x)
    out[i] = pad_element(in, i, v, mode, value);
}

__global__ void reduce_mean_kernel(const float* in, float* out, int64_t count, StridedView kept,
                                   StridedView reduced, int64_t reduced_count) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < count;
       i += int64_t(gridDim.x) * blockDim.x)
    out[i] = reduce_mean_element(in, i, kept, reduced, reduced_count);
}

__global__ void pool_kernel(const float* in, float* out, PoolGeometry g) {
  const int64_t count = g.planes * g.out_h * g.out_w;
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < count;
       i += int64_t(gridDim.x) * blockDim.x)
    out[i] = pool_element(in, i, g);
}

__global__ void lrn_kernel(const float* in, float* out, LrnGeometry g) {
  const int64_t count = g.n * g.c * g.h * g.w;
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < count;
       i += int64_t(gridDim.x) * blockDim.x)
    out[i] = lrn_element(in, i, g);
}

}  // namespace

cudaError_t launch_gather(const float* in, float* out, int64_t count, const StridedView& view,
                          cudaStream_t stream) {
  if (count == 0) return cudaSuccess;
  gather_kernel<<<blocks_for(count), kThreads, 0, stream>>>(in, out, count, view);
  return cudaGetLastError();
}

cudaError_t launch_binary(BinaryOp op, const float* a, const StridedView& va, const float* b,
                          const StridedView& vb, float* out, int64_t count, cudaStream_t stream) {
  if (count == 0) return cudaSuccess;
  binary_kernel<<<blocks_for(count), kThreads, 0, stream>>>(static_cast<int>(op), a, va, b, vb, out,
                                                            count);
  return cudaGetLastError();
}

cudaError_t launch_channel_affine(const float* x, float* y, const float* scale, const float* bias,
                                  int64_t count, int64_t channels, int64_t inner,
                                  cudaStream_t stream) {
  if (count == 0) return cudaSuccess;
  affine_kernel<<<blocks_for(count), kThreads, 0, stream>>>(x, y, scale, bias, count, channels,
                                                            inner);
  return cudaGetLastError();
}

cudaError_t launch_activation(int kind, float alpha, float beta, const float* x, float* y,
                              int64_t count, cudaStream_t stream) {
  if (count == 0) return cudaSuccess;
  activation_kernel<<<blocks_for(count), kThreads, 0, stream>>>(kind, alpha, beta, x, y, count);
  return cudaGetLastError();
}

cudaError_t launch_pad(const float* in, float* out, int64_t count, const PadView& view, int mode,
                       float value, cudaStream_t stream) {
  if (count == 0) return cudaSuccess;
  pad_kernel<<<blocks_for(count), kThreads, 0, stream>>>(in, out, count, view, mode, value);
  return cudaGetLastError();
}

cudaError_t launch_reduce_mean(const float* in, float* out, int64_t count, const StridedView& kept,
                               const StridedView& reduced, int64_t reduced_count,
                               cudaStream_t stream) {
  if (count == 0) return cudaSuccess;
  reduce_mean_kernel<<<blocks_for(count), kThreads, 0, stream>>>(in, out, count, kept, reduced,
                                                                 reduced_count);
  return cudaGetLastError();
}

cudaError_t launch_pool(const float* in, float* out, const PoolGeometry& g, cudaStream_t stream) {
  const int64_t count = g.planes * g.out_h * g.out_w;
  if (count == 0) return cudaSuccess;
  pool_kernel<<<blocks_for(count), kThreads, 0, stream>>>(in, out, g);
  return cudaGetLastError();
}

cudaError_t launch_lrn(const float* in, float* out, const LrnGeometry& g, cudaStream_t stream) {
  const int64_t count = g.n * g.c * g.h * g.w;
  if (count == 0) return cudaSuccess;
  lrn_kernel<<<blocks_for(count), kThreads, 0, stream>>>(in, out, g);
  return cudaGetLastError();
}

}  // namespace synergy::cudnn
