#include "engine/cudnn/runtime.hpp"

#include <utility>

#include "util/error.hpp"

namespace synergy::cudnn {
namespace {

constexpr size_t kBlasWorkspaceBytes = 32u << 20;  // fixed, so cuBLAS never allocates in a graph

[[noreturn]] void fail(const char* what, const std::string& message) {
  throw Error(ErrorKind::Runtime, std::string(what) + ": " + message);
}

}  // namespace

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

void DeviceBuffer::upload(std::span<const float> host) {
  if (host.size_bytes() > bytes_) throw Error(ErrorKind::Runtime, "upload larger than buffer");
  check(cudaMemcpy(ptr_, host.data(), host.size_bytes(), cudaMemcpyHostToDevice), "upload");
}

Handles::Handles(const CudnnOptions& options) : tf32_(options.tf32) {
  check(cudaSetDevice(options.device), "cudaSetDevice");
  check(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking), "cudaStreamCreate");
  check(cudnnCreate(&dnn_), "cudnnCreate");
  check(cudnnSetStream(dnn_, stream_), "cudnnSetStream");
  check(cublasCreate(&blas_), "cublasCreate");
  check(cublasSetStream(blas_, stream_), "cublasSetStream");
  blas_workspace_ = DeviceBuffer(kBlasWorkspaceBytes);
  check(cublasSetWorkspace(blas_, blas_workspace_.raw(), kBlasWorkspaceBytes),
        "cublasSetWorkspace");
  check(cublasSetMathMode(blas_, tf32_ ? CUBLAS_TF32_TENSOR_OP_MATH : CUBLAS_DEFAULT_MATH),
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

void TensorDesc::set(int n, int c, int h, int w) {
  check(cudnnSetTensor4dDescriptor(d, CUDNN_TENSOR_NCHW, CUDNN_DATA_FLOAT, n, c, h, w),
        "cudnnSetTensor4dDescriptor");
}

}  // namespace synergy::cudnn
