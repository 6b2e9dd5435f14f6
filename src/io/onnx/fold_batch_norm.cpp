#include "io/onnx/fold_batch_norm.hpp"

#include <cmath>

namespace synergy::onnx_io {
namespace {

std::vector<int> readers(const Graph& g) {
  std::vector<int> count(g.values.size(), 0);
  for (const auto& n : g.nodes)
    for (ValueId v : n.inputs) ++count[static_cast<size_t>(v)];
  for (ValueId v : g.outputs) ++count[static_cast<size_t>(v)];
  return count;
}

bool loaded(const Node& n) {
  for (const auto& p : n.params)
    if (p.data.empty()) return false;
  return true;
}

void fold(Node& conv, const Node& bn) {
  const auto& s = bn.param("scale")->data;
  const auto& b = bn.param("bias")->data;
  const auto& mean = bn.param("mean")->data;
  const auto& var = bn.param("variance")->data;
  const float eps = bn.as<BatchNormAttrs>().epsilon;
  auto a = conv.as<ConvAttrs>();
  const auto channels = static_cast<size_t>(a.out_channels);
  if (!a.has_bias) {
    a.has_bias = true;
    conv.attrs = a;
    conv.params.push_back({"bias", Shape{a.out_channels}, std::vector<float>(channels, 0.0f)});
  }
  auto& w = conv.param("weight")->data;
  auto& bias = conv.param("bias")->data;
  const size_t per_channel = w.size() / channels;
  for (size_t c = 0; c < channels; ++c) {
    const float k = s[c] / std::sqrt(var[c] + eps);
    for (size_t i = 0; i < per_channel; ++i) w[c * per_channel + i] *= k;
    bias[c] = (bias[c] - mean[c]) * k + b[c];
  }
}

}  // namespace

int fold_batch_norms(Graph& graph) {
  const std::vector<int> count = readers(graph);
  std::vector<int> producer(graph.values.size(), -1);
  for (size_t i = 0; i < graph.nodes.size(); ++i)
    for (ValueId v : graph.nodes[i].outputs) producer[static_cast<size_t>(v)] = static_cast<int>(i);
  std::vector<bool> removed(graph.nodes.size(), false);
  int folded = 0;
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    Node& bn = graph.nodes[i];
    if (bn.kind() != OpKind::BatchNorm) continue;
    const ValueId x = bn.inputs[0];
    const int p = producer[static_cast<size_t>(x)];
    if (p < 0 || count[static_cast<size_t>(x)] != 1) continue;
    Node& conv = graph.nodes[static_cast<size_t>(p)];
    if (conv.kind() != OpKind::Conv || !loaded(conv) || !loaded(bn)) continue;
    fold(conv, bn);
    conv.outputs[0] = bn.outputs[0];
    removed[i] = true;
    ++folded;
  }
  std::vector<Node> kept;
  for (size_t i = 0; i < graph.nodes.size(); ++i)
    if (!removed[i]) kept.push_back(std::move(graph.nodes[i]));
  graph.nodes = std::move(kept);
  graph.infer_shapes();
  return folded;
}

}  // namespace synergy::onnx_io
