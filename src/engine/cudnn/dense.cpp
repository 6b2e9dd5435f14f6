// Fully connected through cuBLAS: y[n, o] = sum_i x[n, i] * w[o, i] (+ b[o]), one GemmEx with
// data in the storage type and float32 accumulation (TF32 tensor cores in tf32).
#include "engine/cudnn/layers.hpp"
#include "util/error.hpp"

namespace synergy::cudnn {
namespace {

class FullyConnectedLayer : public GpuLayer {
 public:
  explicit FullyConnectedLayer(const LayerSetup& s) : handles_(s.handles) {
    const Shape& in = s.in(0);
    batch_ = int(in[0]);
    inputs_ = int(in.numel() / in[0]);
    outputs_ = int(s.node.as<FullyConnectedAttrs>().out_features);
    weight_ = s.upload_param("weight");
    if (s.node.as<FullyConnectedAttrs>().has_bias)
      bias_ = std::make_unique<BiasAdd>(s, Shape{int64_t(batch_), int64_t(outputs_)});
  }

  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    const float one = 1.0f, zero = 0.0f;
    const cudaDataType_t type = blas_type_of(handles_.storage());
    const cublasComputeType_t compute =
        handles_.tf32() ? CUBLAS_COMPUTE_32F_FAST_TF32 : CUBLAS_COMPUTE_32F;
    // In cuBLAS's column-major view W is (inputs x outputs) and X is (inputs x batch):
    // Y (outputs x batch) = W^T X.
    check(cublasGemmEx(handles_.blas(), CUBLAS_OP_T, CUBLAS_OP_N, outputs_, batch_, inputs_, &one,
                       weight_.raw(), type, inputs_, in[0], type, inputs_, &zero, out[0], type,
                       outputs_, compute, CUBLAS_GEMM_DEFAULT),
          "cublasGemmEx");
    if (bias_) bias_->enqueue(out[0]);
  }

 private:
  Handles& handles_;
  int batch_ = 0, inputs_ = 0, outputs_ = 0;
  DeviceBuffer weight_;
  std::unique_ptr<BiasAdd> bias_;  // null without bias
};

}  // namespace

std::unique_ptr<GpuLayer> make_fully_connected(const LayerSetup& s) {
  return std::make_unique<FullyConnectedLayer>(s);
}

}  // namespace synergy::cudnn
