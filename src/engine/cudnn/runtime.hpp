// CUDA, cuDNN and cuBLAS plumbing of the cudnn backend: status checks, device buffers, handles.
#pragma once

#include <cublas_v2.h>
#include <cuda_runtime.h>
#include <cudnn.h>

#include <cstddef>
#include <span>
#include <string>

#include "engine/cudnn/cudnn_backend.hpp"
#include "engine/cudnn/element_types.hpp"

namespace synergy::cudnn {

// Throw Error(Runtime) naming `what` and the library's message unless the status is success.
void check(cudaError_t status, const char* what);
void check(cudnnStatus_t status, const char* what);
void check(cublasStatus_t status, const char* what);

// How a precision stores tensors: float32 for fp32/tf32, else float16 or bfloat16.
Storage storage_of(Precision precision);
cudnnDataType_t cudnn_type_of(Storage storage);
cudaDataType_t blas_type_of(Storage storage);

// Owned device memory.
class DeviceBuffer {
 public:
  DeviceBuffer() = default;
  explicit DeviceBuffer(size_t bytes);
  DeviceBuffer(DeviceBuffer&& o) noexcept;
  DeviceBuffer& operator=(DeviceBuffer&& o) noexcept;
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  ~DeviceBuffer();

  float* data() const { return static_cast<float*>(ptr_); }
  void* raw() const { return ptr_; }
  size_t bytes() const { return bytes_; }
  // Synchronous upload (plan time only), converted on the host to `as` elements.
  void upload(std::span<const float> host, Storage as = Storage::f32);

 private:
  void* ptr_ = nullptr;
  size_t bytes_ = 0;
};

// One stream with its cuDNN and cuBLAS handles bound to it, and the shared conv workspace.
class Handles {
 public:
  Handles(const CudnnOptions& options, Precision precision);
  Handles(const Handles&) = delete;
  Handles& operator=(const Handles&) = delete;
  ~Handles();

  cudaStream_t stream() const { return stream_; }
  cudnnHandle_t dnn() const { return dnn_; }
  cublasHandle_t blas() const { return blas_; }
  Precision precision() const { return precision_; }
  bool tf32() const { return precision_ == Precision::tf32; }
  // Element type of activations and weights, and its cuDNN name and size.
  Storage storage() const { return storage_; }
  cudnnDataType_t data_type() const { return cudnn_type_of(storage_); }
  size_t element_bytes() const { return cudnn::element_bytes(storage_); }
  // Whether pooling, activation, LRN, softmax and tensor adds go through cuDNN (float32 and
  // float16) or through the backend's own kernels (bfloat16, which cuDNN's legacy API is not
  // relied on for).
  bool cudnn_elementwise() const { return storage_ != Storage::bf16; }
  // Grows the workspace to at least `bytes` (plan time only).
  void reserve_workspace(size_t bytes);
  void* workspace() const { return workspace_.raw(); }
  size_t workspace_bytes() const { return workspace_.bytes(); }

 private:
  cudaStream_t stream_ = nullptr;
  cudnnHandle_t dnn_ = nullptr;
  cublasHandle_t blas_ = nullptr;
  Precision precision_ = Precision::fp32;
  Storage storage_ = Storage::f32;
  DeviceBuffer workspace_;
  DeviceBuffer blas_workspace_;
};

// RAII cuDNN descriptors.
struct TensorDesc {
  cudnnTensorDescriptor_t d = nullptr;
  TensorDesc();
  ~TensorDesc();
  TensorDesc(const TensorDesc&) = delete;
  TensorDesc& operator=(const TensorDesc&) = delete;
  // Packed NCHW of `type` elements.
  void set(cudnnDataType_t type, int n, int c, int h, int w);
};

}  // namespace synergy::cudnn
