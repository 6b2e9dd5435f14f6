// Fully connected through cuBLAS: y[n, o] = sum_i x[n, i] * w[o, i] (+ b[o]), one sgemm.
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
    if (s.node.as<FullyConnectedAttrs>().has_bias) {
      bias_ = s.upload_param("bias");
      bias_desc_.set(1, outputs_, 1, 1);
      y_desc_.set(batch_, outputs_, 1, 1);
    }
  }

  void enqueue(const std::vector<const float*>& in, const std::vector<float*>& out) override {
    const float one = 1.0f, zero = 0.0f;
    // In cuBLAS's column-major view W is (inputs x outputs) and X is (inputs x batch):
    // Y (outputs x batch) = W^T X.
    check(cublasSgemm(handles_.blas(), CUBLAS_OP_T, CUBLAS_OP_N, outputs_, batch_, inputs_, &one,
                      weight_.data(), inputs_, in[0], inputs_, &zero, out[0], outputs_),
          "cublasSgemm");
    if (bias_.bytes() == 0) return;
    check(cudnnAddTensor(handles_.dnn(), &one, bias_desc_.d, bias_.data(), &one, y_desc_.d, out[0]),
          "cudnnAddTensor (fully connected bias)");
  }

 private:
  Handles& handles_;
  int batch_ = 0, inputs_ = 0, outputs_ = 0;
  DeviceBuffer weight_, bias_;
  TensorDesc bias_desc_, y_desc_;
};

}  // namespace

std::unique_ptr<GpuLayer> make_fully_connected(const LayerSetup& s) {
  return std::make_unique<FullyConnectedLayer>(s);
}

}  // namespace synergy::cudnn
