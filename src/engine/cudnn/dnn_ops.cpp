// Activation and LRN through cuDNN (LRN outside cuDNN's parameter range, within-channel LRN,
// and both in bfloat16, through direct kernels); batch norm and scale as one
// per-channel affine kernel (batch norm folded at plan time: a = gamma / sqrt(var + eps),
// b = beta - mean * a, float32 parameters whatever the storage).
#include <cmath>

#include "engine/cudnn/kernels.hpp"
#include "engine/cudnn/layers.hpp"
#include "engine/cudnn/views.hpp"
#include "util/error.hpp"

namespace synergy::cudnn {
namespace {

int64_t inner_size(const Shape& s, size_t from) {
  int64_t n = 1;
  for (size_t d = from; d < s.rank(); ++d) n *= s[d];
  return n;
}

class CudnnActivation : public GpuLayer {
 public:
  CudnnActivation(const LayerSetup& s, cudnnActivationMode_t mode) : handles_(s.handles) {
    x_.set(handles_.data_type(), 1, 1, 1, int(s.in(0).numel()));
    check(cudnnCreateActivationDescriptor(&act_), "cudnnCreateActivationDescriptor");
    check(cudnnSetActivationDescriptor(act_, mode, CUDNN_NOT_PROPAGATE_NAN, 0.0),
          "cudnnSetActivationDescriptor");
  }
  ~CudnnActivation() override { cudnnDestroyActivationDescriptor(act_); }

  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    const float one = 1.0f, zero = 0.0f;
    check(cudnnActivationForward(handles_.dnn(), act_, &one, x_.d, in[0], &zero, x_.d, out[0]),
          "cudnnActivationForward");
  }

 private:
  Handles& handles_;
  TensorDesc x_;
  cudnnActivationDescriptor_t act_ = nullptr;
};

class KernelActivation : public GpuLayer {
 public:
  explicit KernelActivation(const LayerSetup& s)
      : handles_(s.handles), a_(s.node.as<ActivationAttrs>()), count_(s.in(0).numel()) {}
  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    check(launch_activation(handles_.storage(), static_cast<int>(a_.kind), a_.alpha, a_.beta, in[0],
                            out[0], count_, handles_.stream()),
          "activation kernel");
  }

 private:
  Handles& handles_;
  ActivationAttrs a_;
  int64_t count_;
};

class Lrn : public GpuLayer {
 public:
  explicit Lrn(const LayerSetup& s) : handles_(s.handles) {
    const auto& a = s.node.as<LrnAttrs>();
    const Shape& in = s.in(0);
    x_.set(handles_.data_type(), int(in[0]), int(in[1]), int(in[2]), int(in[3]));
    check(cudnnCreateLRNDescriptor(&lrn_), "cudnnCreateLRNDescriptor");
    check(cudnnSetLRNDescriptor(lrn_, unsigned(a.size), a.alpha, a.beta, a.bias),
          "cudnnSetLRNDescriptor");
  }
  ~Lrn() override { cudnnDestroyLRNDescriptor(lrn_); }

  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    const float one = 1.0f, zero = 0.0f;
    check(cudnnLRNCrossChannelForward(handles_.dnn(), lrn_, CUDNN_LRN_CROSS_CHANNEL_DIM1, &one,
                                      x_.d, in[0], &zero, x_.d, out[0]),
          "cudnnLRNCrossChannelForward");
  }

 private:
  Handles& handles_;
  TensorDesc x_;
  cudnnLRNDescriptor_t lrn_ = nullptr;
};

class DirectLrn : public GpuLayer {
 public:
  DirectLrn(const LayerSetup& s, const LrnGeometry& g) : handles_(s.handles), g_(g) {}
  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    check(launch_lrn(handles_.storage(), in[0], out[0], g_, handles_.stream()), "LRN kernel");
  }

 private:
  Handles& handles_;
  LrnGeometry g_;
};

class ChannelAffine : public GpuLayer {
 public:
  ChannelAffine(const LayerSetup& s, std::span<const float> scale, std::span<const float> bias)
      : handles_(s.handles),
        count_(s.in(0).numel()),
        channels_(s.in(0)[1]),
        inner_(inner_size(s.in(0), 2)),
        scale_(scale.size_bytes()),
        bias_(bias.size_bytes()) {
    scale_.upload(scale);
    if (!bias.empty()) bias_.upload(bias);
  }

  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    check(launch_channel_affine(handles_.storage(), in[0], out[0], scale_.data(),
                                bias_.bytes() ? bias_.data() : nullptr, count_, channels_, inner_,
                                handles_.stream()),
          "channel affine kernel");
  }

 private:
  Handles& handles_;
  int64_t count_, channels_, inner_;
  DeviceBuffer scale_, bias_;
};

const std::vector<float>& param_data(const Node& node, const char* role) {
  const Param* p = node.param(role);
  if (!p || p->data.empty()) {
    throw Error(ErrorKind::Runtime, "layer '" + node.name + "' has no data for param " + role);
  }
  return p->data;
}

}  // namespace

std::unique_ptr<GpuLayer> make_activation(const LayerSetup& s) {
  if (!s.handles.cudnn_elementwise()) return std::make_unique<KernelActivation>(s);
  switch (s.node.as<ActivationAttrs>().kind) {
    case ActivationKind::Relu:
      return std::make_unique<CudnnActivation>(s, CUDNN_ACTIVATION_RELU);
    case ActivationKind::Sigmoid:
      return std::make_unique<CudnnActivation>(s, CUDNN_ACTIVATION_SIGMOID);
    case ActivationKind::Tanh:
      return std::make_unique<CudnnActivation>(s, CUDNN_ACTIVATION_TANH);
    default:
      return std::make_unique<KernelActivation>(s);
  }
}

std::unique_ptr<GpuLayer> make_lrn(const LayerSetup& s) {
  const LrnGeometry g = lrn_geometry(s.node.as<LrnAttrs>(), s.in(0));
  if (s.handles.cudnn_elementwise() && cudnn_lrn_accepts(g)) return std::make_unique<Lrn>(s);
  return std::make_unique<DirectLrn>(s, g);
}

std::unique_ptr<GpuLayer> make_batch_norm(const LayerSetup& s) {
  const auto& gamma = param_data(s.node, "scale");
  const auto& beta = param_data(s.node, "bias");
  const auto& mean = param_data(s.node, "mean");
  const auto& var = param_data(s.node, "variance");
  const double eps = s.node.as<BatchNormAttrs>().epsilon;
  std::vector<float> a(gamma.size()), b(gamma.size());
  for (size_t c = 0; c < gamma.size(); ++c) {
    const double k = gamma[c] / std::sqrt(static_cast<double>(var[c]) + eps);
    a[c] = static_cast<float>(k);
    b[c] = static_cast<float>(beta[c] - mean[c] * k);
  }
  return std::make_unique<ChannelAffine>(s, a, b);
}

std::unique_ptr<GpuLayer> make_scale(const LayerSetup& s) {
  static const std::vector<float> none;
  const bool bias = s.node.as<ScaleAttrs>().has_bias;
  return std::make_unique<ChannelAffine>(
      s, param_data(s.node, "scale"),
      bias ? std::span<const float>(param_data(s.node, "bias")) : std::span<const float>(none));
}

}  // namespace synergy::cudnn
