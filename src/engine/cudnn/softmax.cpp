// Softmax along one axis: cuDNN's channel-mode softmax over (outer, axis, inner, 1), or in
// bfloat16 a direct kernel with one thread per row.
#include "engine/cudnn/kernels.hpp"
#include "engine/cudnn/layers.hpp"
#include "engine/cudnn/views.hpp"

namespace synergy::cudnn {
namespace {

class Softmax : public GpuLayer {
 public:
  explicit Softmax(const LayerSetup& s) : handles_(s.handles) {
    const SoftmaxGeometry g = softmax_geometry(s.in(0), s.node.as<SoftmaxAttrs>());
    x_.set(handles_.data_type(), int(g.outer), int(g.axis), int(g.inner), 1);
  }

  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    const float one = 1.0f, zero = 0.0f;
    check(cudnnSoftmaxForward(handles_.dnn(), CUDNN_SOFTMAX_ACCURATE, CUDNN_SOFTMAX_MODE_CHANNEL,
                              &one, x_.d, in[0], &zero, x_.d, out[0]),
          "cudnnSoftmaxForward");
  }

 private:
  Handles& handles_;
  TensorDesc x_;
};

class DirectSoftmax : public GpuLayer {
 public:
  explicit DirectSoftmax(const LayerSetup& s)
      : handles_(s.handles), g_(softmax_geometry(s.in(0), s.node.as<SoftmaxAttrs>())) {}
  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    check(launch_softmax(handles_.storage(), in[0], out[0], g_, handles_.stream()),
          "softmax kernel");
  }

 private:
  Handles& handles_;
  SoftmaxGeometry g_;
};

}  // namespace

std::unique_ptr<GpuLayer> make_softmax(const LayerSetup& s) {
  if (!s.handles.cudnn_elementwise()) return std::make_unique<DirectSoftmax>(s);
  return std::make_unique<Softmax>(s);
}

}  // namespace synergy::cudnn
