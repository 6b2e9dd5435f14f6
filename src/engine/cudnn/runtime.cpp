#include "engine/cudnn/runtime.hpp"

#include <cstdint>
#include <utility>
#include <vector>

#include "util/error.hpp"

namespace synergy::cudnn {
namespace {

constexpr size_t kBlasWorkspaceBytes = 32u << 20;  // fixed, so cuBLAS never allocates in a graph

[[noreturn]] void fail(const char* what, const std::string& message) {
  throw Error(ErrorKind::Runtime, std::string(what) + ": " + message);
}

}  // namespace

Storage storage_of(Precision precision) {
  if (precision == Precision::fp16) return Storage::f16;
  if (precision == Precision::bf16) return Storage::bf16;
  return Storage::f32;
}

cudnnDataType_t cudnn_type_of(Storage storage) {
  if (storage == Storage::f16) return CUDNN_DATA_HALF;
  if (storage == Storage::bf16) return CUDNN_DATA_BFLOAT16;
  return CUDNN_DATA_FLOAT;
}

cudaDataType_t blas_type_of(Storage storage) {
  if (storage == Storage::f16) return CUDA_R_16F;
  if (storage == Storage::bf16) return CUDA_R_16BF;
  return CUDA_R_32F;
}

void check(cudaError_t status, const char* what) {
  if (status != cudaSuccess) fail(what, cudaGetErrorString(status));
}

void check(cudnnStatus_t status, const char* what) {
  if (status != CUDNN_STATUS_SUCCESS) fail(what, cudnnGetErrorString(status));
}

void check(cublasStatus_t status, const char* what) {
  if (status != CUBLAS_STATUS_SUCCESS) fail(what, cublasGetStatusString(status));
}

DeviceBuffer::DeviceBuffer(size_t bytes) : bytes_(bytes) {
  if (bytes > 0) check(cudaMalloc(&ptr_, bytes), "cudaMalloc");
}

DeviceBuffer::DeviceBuffer(DeviceBuffer&& o) noexcept
    : ptr_(std::exchange(o.ptr_, nullptr)), bytes_(std::exchange(o.bytes_, 0)) {}

DeviceBuffer& DeviceBuffer::operator=(DeviceBuffer&& o) noexcept {
  if (this != &o) {
    if (ptr_) cudaFree(ptr_);
    ptr_ = std::exchange(o.ptr_, nullptr);
    bytes_ = std::exchange(o.bytes_, 0);
  }
  return *this;
}

DeviceBuffer::~DeviceBuffer() {
  if (ptr_) cudaFree(ptr_);
}

void DeviceBuffer::upload(std::span<const float> host, Storage as) {
  if (host.size() * element_bytes(as) > bytes_)
    throw Error(ErrorKind::Runtime, "upload larger than buffer");
  if (as == Storage::f32) {
    check(cudaMemcpy(ptr_, host.data(), host.size_bytes(), cudaMemcpyHostToDevice), "upload");
    return;
  }
  std::vector<uint16_t> bits(host.size());
  for (size_t i = 0; i < host.size(); ++i)
    bits[i] = as == Storage::f16 ? half_bits_of(host[i]) : bfloat16_bits_of(host[i]);
  check(cudaMemcpy(ptr_, bits.data(), bits.size() * sizeof(uint16_t), cudaMemcpyHostToDevice),
        "upload");
}

Handles::Handles(const CudnnOptions& options, Precision precision)
    : precision_(precision), storage_(storage_of(precision)) {
  check(cudaSetDevice(options.device), "cudaSetDevice");
  check(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking), "cudaStreamCreate");
  check(cudnnCreate(&dnn_), "cudnnCreate");
  check(cudnnSetStream(dnn_, stream_), "cudnnSetStream");
  check(cublasCreate(&blas_), "cublasCreate");
  check(cublasSetStream(blas_, stream_), "cublasSetStream");
  blas_workspace_ = DeviceBuffer(kBlasWorkspaceBytes);
  check(cublasSetWorkspace(blas_, blas_workspace_.raw(), kBlasWorkspaceBytes),
        "cublasSetWorkspace");
  check(cublasSetMathMode(blas_, tf32() ? CUBLAS_TF32_TENSOR_OP_MATH : CUBLAS_DEFAULT_MATH),
        "cublasSetMathMode");
}

Handles::~Handles() {
  if (blas_) cublasDestroy(blas_);
  if (dnn_) cudnnDestroy(dnn_);
  if (stream_) cudaStreamDestroy(stream_);
}

void Handles::reserve_workspace(size_t bytes) {
  if (bytes > workspace_.bytes()) workspace_ = DeviceBuffer(bytes);
}

TensorDesc::TensorDesc() {
  check(cudnnCreateTensorDescriptor(&d), "cudnnCreateTensorDescriptor");
}

TensorDesc::~TensorDesc() {
  cudnnDestroyTensorDescriptor(d);
}

void TensorDesc::set(cudnnDataType_t type, int n, int c, int h, int w) {
  check(cudnnSetTensor4dDescriptor(d, CUDNN_TENSOR_NCHW, type, n, c, h, w),
        "cudnnSetTensor4dDescriptor");
}

}  // namespace synergy::cudnn
