// Pooling: cuDNN where its window rules equal the reference's (symmetric pads smaller than the
// kernel, same output size) and storage type, else a direct kernel (Caffe's ceil rounding,
// asymmetric pads, bfloat16).
#include "engine/cudnn/kernels.hpp"
#include "engine/cudnn/layers.hpp"
#include "engine/cudnn/views.hpp"
#include "util/error.hpp"

namespace synergy::cudnn {
namespace {

class CudnnPool : public GpuLayer {
 public:
  CudnnPool(const LayerSetup& s, const PoolGeometry& g) : handles_(s.handles) {
    const Shape& in = s.in(0);
    const cudnnDataType_t type = handles_.data_type();
    x_.set(type, int(in[0]), int(in[1]), int(in[2]), int(in[3]));
    y_.set(type, int(in[0]), int(in[1]), int(g.out_h), int(g.out_w));
    const cudnnPoolingMode_t mode =
        g.max ? CUDNN_POOLING_MAX_DETERMINISTIC
              : (g.count_include_pad ? CUDNN_POOLING_AVERAGE_COUNT_INCLUDE_PADDING
                                     : CUDNN_POOLING_AVERAGE_COUNT_EXCLUDE_PADDING);
    check(cudnnCreatePoolingDescriptor(&pool_), "cudnnCreatePoolingDescriptor");
    check(cudnnSetPooling2dDescriptor(pool_, mode, CUDNN_NOT_PROPAGATE_NAN, int(g.kernel_h),
                                      int(g.kernel_w), int(g.pad_top), int(g.pad_left),
                                      int(g.stride_h), int(g.stride_w)),
          "cudnnSetPooling2dDescriptor");
  }
  ~CudnnPool() override { cudnnDestroyPoolingDescriptor(pool_); }

  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    const float one = 1.0f, zero = 0.0f;
    check(cudnnPoolingForward(handles_.dnn(), pool_, &one, x_.d, in[0], &zero, y_.d, out[0]),
          "cudnnPoolingForward");
  }

 private:
  Handles& handles_;
  TensorDesc x_, y_;
  cudnnPoolingDescriptor_t pool_ = nullptr;
};

class DirectPool : public GpuLayer {
 public:
  DirectPool(const LayerSetup& s, const PoolGeometry& g) : handles_(s.handles), g_(g) {}
  void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) override {
    check(launch_pool(handles_.storage(), in[0], out[0], g_, handles_.stream()), "pool kernel");
  }

 private:
  Handles& handles_;
  PoolGeometry g_;
};

}  // namespace

std::unique_ptr<GpuLayer> make_pool(const LayerSetup& s) {
  const PoolGeometry g = pool_geometry(s.node.as<PoolAttrs>(), s.in(0), s.out(0));
  if (s.handles.cudnn_elementwise() && cudnn_pool_matches(g))
    return std::make_unique<CudnnPool>(s, g);
  return std::make_unique<DirectPool>(s, g);
}

}  // namespace synergy::cudnn
