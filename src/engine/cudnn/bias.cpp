// The bias add of conv and FC: y += bias[channel], in the output's storage type.
#include "engine/cudnn/kernels.hpp"
#include "engine/cudnn/layers.hpp"

namespace synergy::cudnn {
namespace {

int64_t inner_of(const Shape& s) {
  int64_t n = 1;
  for (size_t d = 2; d < s.rank(); ++d) n *= s[d];
  return n;
}

}  // namespace

BiasAdd::BiasAdd(const LayerSetup& s, const Shape& out)
    : handles_(s.handles), count_(out.numel()), channels_(out[1]), inner_(inner_of(out)) {
  if (!handles_.cudnn_elementwise()) {  // float32 bias for the affine kernel
    const std::vector<float>& bias = s.param_data("bias");
    bias_ = DeviceBuffer(bias.size() * sizeof(float));
    bias_.upload(bias);
    return;
  }
  bias_ = s.upload_param("bias");
  bias_desc_.set(handles_.data_type(), 1, int(channels_), 1, 1);
  y_desc_.set(handles_.data_type(), int(out[0]), int(channels_), int(inner_), 1);
}

void BiasAdd::enqueue(void* y) const {
  if (!handles_.cudnn_elementwise()) {
    check(launch_channel_affine(handles_.storage(), y, y, nullptr, bias_.data(), count_, channels_,
                                inner_, handles_.stream()),
          "bias kernel");
    return;
  }
  const float one = 1.0f;
  check(cudnnAddTensor(handles_.dnn(), &one, bias_desc_.d, bias_.raw(), &one, y_desc_.d, y),
        "cudnnAddTensor (bias)");
}

}  // namespace synergy::cudnn
