// Small element-wise and indexing kernels of the cudnn backend: one thread per output element
// (per row for softmax), templated on the storage type T; arithmetic in float32.
#include "engine/cudnn/kernels.hpp"

namespace synergy::cudnn {
namespace {

constexpr int kThreads = 256;

unsigned blocks_for(int64_t count) {
  const int64_t b = (count + kThreads - 1) / kThreads;
  return static_cast<unsigned>(b < 65535 * 64 ? b : 65535 * 64);
}

// Calls launch(T{}) with T the element type of `storage`, then returns the launch status.
template <class Launch>
cudaError_t for_storage(Storage storage, Launch&& launch) {
  switch (storage) {
    case Storage::f16:
      launch(Half{});
      break;
    case Storage::bf16:
      launch(BFloat16{});
      break;
    default:
      launch(0.0f);
      break;
  }
  return cudaGetLastError();
}

#define SYNERGY_GRID_LOOP(i, count)                                             \
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < (count); \
       i += int64_t(gridDim.x) * blockDim.x)

template <class From, class To>
__global__ void convert_kernel(const From* in, To* out, int64_t count) {
  SYNERGY_GRID_LOOP(i, count) out[i] = from_float<To>(to_float(in[i]));
}

template <class T>
__global__ void gather_kernel(const T* in, T* out, int64_t count, StridedView v) {
  SYNERGY_GRID_LOOP(i, count) out[i] = in[offset_of(i, v)];
}

template <class T>
__global__ void binary_kernel(int op, const T* a, StridedView va, const T* b, StridedView vb,
                              T* out, int64_t count) {
  SYNERGY_GRID_LOOP(i, count) {
    const float x = to_float(a[offset_of(i, va)]), y = to_float(b[offset_of(i, vb)]);
    out[i] = from_float<T>(op == 0 ? x + y : x * y);
  }
}

template <class T>
__global__ void affine_kernel(const T* x, T* y, const float* scale, const float* bias,
                              int64_t count, int64_t channels, int64_t inner) {
  SYNERGY_GRID_LOOP(i, count) {
    // 32-bit division: the backend keeps tensors under 2^31 elements, and 64-bit division
    // costs several times more on the GPU.
    const auto c =
        static_cast<uint32_t>(i) / static_cast<uint32_t>(inner) % static_cast<uint32_t>(channels);
    y[i] = from_float<T>(to_float(x[i]) * (scale ? scale[c] : 1.0f) + (bias ? bias[c] : 0.0f));
  }
}

template <class T>
__global__ void activation_kernel(int kind, float a, float b, const T* x, T* y, int64_t count) {
  SYNERGY_GRID_LOOP(i, count) y[i] = from_float<T>(activate(kind, a, b, to_float(x[i])));
}

template <class T>
__global__ void pad_kernel(const T* in, T* out, int64_t count, PadView v, int mode, float value) {
  SYNERGY_GRID_LOOP(i, count) out[i] = from_float<T>(pad_element(in, i, v, mode, value));
}

template <class T>
__global__ void reduce_mean_kernel(const T* in, T* out, int64_t count, StridedView kept,
                                   StridedView reduced, int64_t reduced_count) {
  SYNERGY_GRID_LOOP(i, count)
  out[i] = from_float<T>(reduce_mean_element(in, i, kept, reduced, reduced_count));
}

template <class T>
__global__ void pool_kernel(const T* in, T* out, PoolGeometry g) {
  SYNERGY_GRID_LOOP(i, g.planes * g.out_h * g.out_w) out[i] = from_float<T>(pool_element(in, i, g));
}

template <class T>
__global__ void lrn_kernel(const T* in, T* out, LrnGeometry g) {
  SYNERGY_GRID_LOOP(i, g.n * g.c * g.h * g.w) out[i] = from_float<T>(lrn_element(in, i, g));
}

template <class T>
__global__ void softmax_kernel(const T* in, T* out, SoftmaxGeometry g) {
  SYNERGY_GRID_LOOP(row, g.outer * g.inner) softmax_row(in, out, row, g);
}

}  // namespace

cudaError_t launch_convert(const void* in, Storage from, void* out, Storage to, int64_t count,
                           cudaStream_t stream) {
  if (count == 0) return cudaSuccess;
  cudaError_t launched = cudaSuccess;  // the inner status: the outer check finds it cleared
  const cudaError_t outer = for_storage(from, [&](auto from_tag) {
    launched = for_storage(to, [&](auto to_tag) {
      using From = decltype(from_tag);
      using To = decltype(to_tag);
      convert_kernel<From, To><<<blocks_for(count), kThreads, 0, stream>>>(
          static_cast<const From*>(in), static_cast<To*>(out), count);
    });
  });
  return launched != cudaSuccess ? launched : outer;
}

cudaError_t launch_gather(Storage storage, const void* in, void* out, int64_t count,
                          const StridedView& view, cudaStream_t stream) {
  if (count == 0) return cudaSuccess;
  return for_storage(storage, [&](auto tag) {
    using T = decltype(tag);
    gather_kernel<T><<<blocks_for(count), kThreads, 0, stream>>>(static_cast<const T*>(in),
                                                                 static_cast<T*>(out), count, view);
  });
}

cudaError_t launch_binary(Storage storage, BinaryOp op, const void* a, const StridedView& va,
                          const void* b, const StridedView& vb, void* out, int64_t count,
                          cudaStream_t stream) {
  if (count == 0) return cudaSuccess;
  return for_storage(storage, [&](auto tag) {
    using T = decltype(tag);
    binary_kernel<T><<<blocks_for(count), kThreads, 0, stream>>>(
        static_cast<int>(op), static_cast<const T*>(a), va, static_cast<const T*>(b), vb,
        static_cast<T*>(out), count);
  });
}

cudaError_t launch_channel_affine(Storage storage, const void* x, void* y, const float* scale,
                                  const float* bias, int64_t count, int64_t channels, int64_t inner,
                                  cudaStream_t stream) {
  if (count == 0) return cudaSuccess;
  return for_storage(storage, [&](auto tag) {
    using T = decltype(tag);
    affine_kernel<T><<<blocks_for(count), kThreads, 0, stream>>>(
        static_cast<const T*>(x), static_cast<T*>(y), scale, bias, count, channels, inner);
  });
}

cudaError_t launch_activation(Storage storage, int kind, float alpha, float beta, const void* x,
                              void* y, int64_t count, cudaStream_t stream) {
  if (count == 0) return cudaSuccess;
  return for_storage(storage, [&](auto tag) {
    using T = decltype(tag);
    activation_kernel<T><<<blocks_for(count), kThreads, 0, stream>>>(
        kind, alpha, beta, static_cast<const T*>(x), static_cast<T*>(y), count);
  });
}

cudaError_t launch_pad(Storage storage, const void* in, void* out, int64_t count,
                       const PadView& view, int mode, float value, cudaStream_t stream) {
  if (count == 0) return cudaSuccess;
  return for_storage(storage, [&](auto tag) {
    using T = decltype(tag);
    pad_kernel<T><<<blocks_for(count), kThreads, 0, stream>>>(
        static_cast<const T*>(in), static_cast<T*>(out), count, view, mode, value);
  });
}

cudaError_t launch_reduce_mean(Storage storage, const void* in, void* out, int64_t count,
                               const StridedView& kept, const StridedView& reduced,
                               int64_t reduced_count, cudaStream_t stream) {
  if (count == 0) return cudaSuccess;
  return for_storage(storage, [&](auto tag) {
    using T = decltype(tag);
    reduce_mean_kernel<T><<<blocks_for(count), kThreads, 0, stream>>>(
        static_cast<const T*>(in), static_cast<T*>(out), count, kept, reduced, reduced_count);
  });
}

cudaError_t launch_pool(Storage storage, const void* in, void* out, const PoolGeometry& g,
                        cudaStream_t stream) {
  const int64_t count = g.planes * g.out_h * g.out_w;
  if (count == 0) return cudaSuccess;
  return for_storage(storage, [&](auto tag) {
    using T = decltype(tag);
    pool_kernel<T><<<blocks_for(count), kThreads, 0, stream>>>(static_cast<const T*>(in),
                                                               static_cast<T*>(out), g);
  });
}

cudaError_t launch_lrn(Storage storage, const void* in, void* out, const LrnGeometry& g,
                       cudaStream_t stream) {
  const int64_t count = g.n * g.c * g.h * g.w;
  if (count == 0) return cudaSuccess;
  return for_storage(storage, [&](auto tag) {
    using T = decltype(tag);
    lrn_kernel<T><<<blocks_for(count), kThreads, 0, stream>>>(static_cast<const T*>(in),
                                                              static_cast<T*>(out), g);
  });
}

cudaError_t launch_softmax(Storage storage, const void* in, void* out, const SoftmaxGeometry& g,
                           cudaStream_t stream) {
  const int64_t rows = g.outer * g.inner;
  if (rows == 0) return cudaSuccess;
  return for_storage(storage, [&](auto tag) {
    using T = decltype(tag);
    softmax_kernel<T><<<blocks_for(rows), kThreads, 0, stream>>>(static_cast<const T*>(in),
                                                                 static_cast<T*>(out), g);
  });
}

}  // namespace synergy::cudnn
