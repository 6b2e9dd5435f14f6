// One GPU layer: planned once (descriptors, algorithms, weights on the device), then enqueued on
// the stream every inference without synchronising. Tensors are in the handles' storage type.
#pragma once

#include <memory>
#include <vector>

#include "engine/cudnn/runtime.hpp"
#include "graph/graph.hpp"

namespace synergy::cudnn {

class GpuLayer {
 public:
  virtual ~GpuLayer() = default;
  // in/out: device pointers of the node's inputs/outputs, in node order.
  virtual void enqueue(const std::vector<const void*>& in, const std::vector<void*>& out) = 0;
};

struct LayerSetup {
  const Graph& graph;
  const Node& node;
  Handles& handles;
  const Shape& in(size_t i) const { return graph.shape(node.inputs.at(i)); }
  const Shape& out(size_t i) const { return graph.shape(node.outputs.at(i)); }
  // Uploads a param to a new device buffer in the storage type; throws if it has no data.
  DeviceBuffer upload_param(const std::string& role) const;
  // The param's float32 data; throws if it has none.
  const std::vector<float>& param_data(const std::string& role) const;
};

// y[n, c, ...] += bias[c] in place, for conv and FC: cuDNN's tensor add, or the affine kernel
// where cuDNN is not used for the storage type.
class BiasAdd {
 public:
  // `out` is the layer's output shape, channels on axis 1.
  BiasAdd(const LayerSetup& s, const Shape& out);
  BiasAdd(const BiasAdd&) = delete;
  BiasAdd& operator=(const BiasAdd&) = delete;
  void enqueue(void* y) const;

 private:
  Handles& handles_;
  int64_t count_, channels_, inner_;
  DeviceBuffer bias_;
  TensorDesc bias_desc_, y_desc_;
};

// Empty when the layer can run here, else why not (checked before planning).
std::string unsupported_reason(const Graph& graph, const Node& node);

// One factory per op family (conv.cpp, dense.cpp, dnn_ops.cpp, pool.cpp, plain_ops.cpp).
std::unique_ptr<GpuLayer> make_conv(const LayerSetup& s);
std::unique_ptr<GpuLayer> make_fully_connected(const LayerSetup& s);
std::unique_ptr<GpuLayer> make_pool(const LayerSetup& s);
std::unique_ptr<GpuLayer> make_activation(const LayerSetup& s);
std::unique_ptr<GpuLayer> make_lrn(const LayerSetup& s);
std::unique_ptr<GpuLayer> make_softmax(const LayerSetup& s);
std::unique_ptr<GpuLayer> make_batch_norm(const LayerSetup& s);
std::unique_ptr<GpuLayer> make_scale(const LayerSetup& s);
std::unique_ptr<GpuLayer> make_copy(const LayerSetup& s);  // Dropout, Flatten, Reshape
std::unique_ptr<GpuLayer> make_concat(const LayerSetup& s);
std::unique_ptr<GpuLayer> make_split(const LayerSetup& s);
std::unique_ptr<GpuLayer> make_slice(const LayerSetup& s);
std::unique_ptr<GpuLayer> make_transpose(const LayerSetup& s);
std::unique_ptr<GpuLayer> make_binary(const LayerSetup& s);
std::unique_ptr<GpuLayer> make_pad(const LayerSetup& s);
std::unique_ptr<GpuLayer> make_reduce_mean(const LayerSetup& s);

// Dispatches on the node's kind.
std::unique_ptr<GpuLayer> make_layer(const LayerSetup& s);

}  // namespace synergy::cudnn
