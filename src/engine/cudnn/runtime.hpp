// CUDA, cuDNN and cuBLAS plumbing of the cudnn backend: status checks, device buffers, handles.
#pragma once

#include <cublas_v2.h>
#include <cuda_runtime.h>
#include <cudnn.h>

#include <cstddef>
#include <span>
#include <string>

#include "engine/cudnn/cudnn_backend.hpp"

namespace synergy::cudnn {

// Throw Error(Runtime) naming `what` and the library's message unless the status is success.
void check(cudaError_t status, const char* what);
void check(cudnnStatus_t status, const char* what);
void check(cublasStatus_t status, const char* what);

// Owned device memory (float32 elements).
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
  // Synchronous upload (plan time only).
  void upload(std::span<const float> host);

 private:
  void* ptr_ = nullptr;
  size_t bytes_ = 0;
};

// One stream with its cuDNN and cuBLAS handles bound to it, and the shared conv workspace.
class Handles {
 public:
  Handles(const CudnnOptions& options);
  Handles(const Handles&) = delete;
  Handles& operator=(const Handles&) = delete;
  ~Handles();

  cudaStream_t stream() const { return stream_; }
  cudnnHandle_t dnn() const { return dnn_; }
  cublasHandle_t blas() const { return blas_; }
  bool tf32() const { return tf32_; }
  // Grows the workspace to at least `bytes` (plan time only).
  void reserve_workspace(size_t bytes);
  void* workspace() const { return workspace_.raw(); }
  size_t workspace_bytes() const { return workspace_.bytes(); }

 private:
  cudaStream_t stream_ = nullptr;
  cudnnHandle_t dnn_ = nullptr;
  cublasHandle_t blas_ = nullptr;
  bool tf32_ = false;
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
  // Packed NCHW float32.
  void set(int n, int c, int h, int w);
};

}  // namespace synergy::cudnn
