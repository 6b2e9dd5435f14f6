// What the cudnn backend can run, and which factory plans each op.
#include "engine/cudnn/kernels.hpp"
#include "engine/cudnn/layers.hpp"
#include "util/error.hpp"

namespace synergy::cudnn {
namespace {

constexpr int64_t kMaxInt = 0x7fffffff;

std::string conv_reason(const Graph& g, const Node& n) {
  return g.shape(n.inputs[0]).rank() == 4 ? "" : "cuDNN convolution needs a 4-D input";
}

bool four_d(const Graph& g, const Node& n) {
  return g.shape(n.inputs[0]).rank() == 4;
}

}  // namespace

std::string unsupported_reason(const Graph& graph, const Node& node) {
  for (ValueId v : node.inputs)
    if (graph.shape(v).rank() > kMaxRank) return "tensors above rank 6 are not supported";
  for (ValueId v : node.outputs)
    if (graph.shape(v).numel() > kMaxInt) return "tensors over 2^31 elements are not supported";
  switch (node.kind()) {
    case OpKind::Conv:
      return conv_reason(graph, node);
    case OpKind::Pool:
      return four_d(graph, node) ? "" : "pooling needs a 4-D input";
    case OpKind::Lrn:
      return four_d(graph, node) ? "" : "LRN needs a 4-D input";
    case OpKind::BatchNorm:
    case OpKind::Scale:
      return graph.shape(node.inputs[0]).rank() >= 2 ? "" : "needs a channel axis";
    default:
      return {};
  }
}

std::unique_ptr<GpuLayer> make_layer(const LayerSetup& s) {
  switch (s.node.kind()) {
    case OpKind::Conv:
      return make_conv(s);
    case OpKind::Pool:
      return make_pool(s);
    case OpKind::FullyConnected:
      return make_fully_connected(s);
    case OpKind::BatchNorm:
      return make_batch_norm(s);
    case OpKind::Scale:
      return make_scale(s);
    case OpKind::Activation:
      return make_activation(s);
    case OpKind::Lrn:
      return make_lrn(s);
    case OpKind::Concat:
      return make_concat(s);
    case OpKind::Binary:
      return make_binary(s);
    case OpKind::Softmax:
      return make_softmax(s);
    case OpKind::Dropout:
    case OpKind::Flatten:
    case OpKind::Reshape:
      return make_copy(s);
    case OpKind::Split:
      return make_split(s);
    case OpKind::Slice:
      return make_slice(s);
    case OpKind::Transpose:
      return make_transpose(s);
    case OpKind::Pad:
      return make_pad(s);
    case OpKind::ReduceMean:
      return make_reduce_mean(s);
    case OpKind::Count_:
      break;
  }
  throw Error(ErrorKind::Runtime, "layer '" + s.node.name + "' has no GPU implementation");
}

const std::vector<float>& LayerSetup::param_data(const std::string& role) const {
  const Param* p = node.param(role);
  if (!p || p->data.empty()) {
    throw Error(ErrorKind::Runtime, "layer '" + node.name + "' has no data for param " + role);
  }
  return p->data;
}

DeviceBuffer LayerSetup::upload_param(const std::string& role) const {
  const std::vector<float>& data = param_data(role);
  DeviceBuffer b(data.size() * handles.element_bytes());
  b.upload(data, handles.storage());
  return b;
}

}  // namespace synergy::cudnn
