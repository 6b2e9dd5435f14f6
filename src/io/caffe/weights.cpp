#include "io/caffe/weights.hpp"

#include <unordered_map>

#include "util/error.hpp"

namespace synergy::caffe {
namespace {

using BlobIndex = std::unordered_map<std::string, const CaffeLayerBlobs*>;

// Shapes agree when equal after dropping leading 1s (legacy 4-D blobs: 1x1x1xN biases).
Dims squeezed(const Dims& d) {
  size_t i = 0;
  while (i + 1 < d.size() && d[i] == 1) ++i;
  return Dims(d.begin() + static_cast<std::ptrdiff_t>(i), d.end());
}

void copy_blob(Node& node, const std::string& role, const CaffeBlob& blob, size_t index) {
  Param* p = node.param(role);
  if (!p) throw bad_input("has no param '" + role + "'");
  if (squeezed(blob.shape) != squeezed(p->shape.dims)) {
    throw bad_input("blob " + std::to_string(index) + " (" + role + ") has shape " +
                    Shape(blob.shape).str() + ", expected " + p->shape.str());
  }
  p->data = blob.data;
}

void require_count(const CaffeLayerBlobs& l, size_t expected) {
  if (l.blobs.size() != expected) {
    throw bad_input("weights have " + std::to_string(l.blobs.size()) + " blobs, expected " +
                    std::to_string(expected));
  }
}

// InnerProduct with transpose: true stores the weight as [in, out].
CaffeBlob transposed(const CaffeBlob& b) {
  const Dims s = squeezed(b.shape);
  if (s.size() != 2) throw bad_input("transposed inner product weight must be 2-D");
  CaffeBlob t{{s[1], s[0]}, std::vector<float>(b.data.size())};
  for (int64_t r = 0; r < s[0]; ++r)
    for (int64_t c = 0; c < s[1]; ++c)
      t.data[static_cast<size_t>(c * s[0] + r)] = b.data[static_cast<size_t>(r * s[1] + c)];
  return t;
}

void load_weight_bias(Node& node, const CaffeLayerBlobs& l, bool has_bias, bool transpose) {
  require_count(l, has_bias ? 2 : 1);
  copy_blob(node, "weight", transpose ? transposed(l.blobs[0]) : l.blobs[0], 0);
  if (has_bias) copy_blob(node, "bias", l.blobs[1], 1);
}

void fill(Node& node, const std::string& role, float value) {
  Param* p = node.param(role);
  if (p) p->data.assign(static_cast<size_t>(p->shape.numel()), value);
}

// Caffe keeps running sums: mean and variance are the blobs divided by the third blob's value.
void load_batch_norm(Node& node, const CaffeLayer& layer, const CaffeLayerBlobs& l,
                     const BlobIndex& index) {
  require_count(l, 3);
  if (l.blobs[2].data.size() != 1) throw bad_input("scale factor blob must hold one value");
  const float stored = l.blobs[2].data[0];
  const float factor = stored == 0.0f ? 0.0f : 1.0f / stored;
  copy_blob(node, "mean", l.blobs[0], 0);
  copy_blob(node, "variance", l.blobs[1], 1);
  for (const char* role : {"mean", "variance"})
    for (float& x : node.param(role)->data) x *= factor;
  if (!layer.fused_scale) return;
  auto it = index.find(layer.fused_scale_name);
  if (it == index.end()) return;
  const CaffeLayerBlobs& s = *it->second;
  const bool bias = s.blobs.size() == 2;
  if (s.blobs.empty() || s.blobs.size() > 2) throw bad_input("folded Scale needs 1 or 2 blobs");
  copy_blob(node, "scale", s.blobs[0], 0);
  if (bias) copy_blob(node, "bias", s.blobs[1], 1);
}

void load_layer(Node& node, const CaffeLayer& layer, const CaffeLayerBlobs& l,
                const BlobIndex& index) {
  if (layer.type == "Convolution") {
    const bool bias = node.as<ConvAttrs>().has_bias;
    load_weight_bias(node, l, bias, false);
  } else if (layer.type == "InnerProduct") {
    const TextMessage* p = layer.spec->message("inner_product_param");
    const bool transpose = p && p->get_bool("transpose", false);
    load_weight_bias(node, l, node.as<FullyConnectedAttrs>().has_bias, transpose);
  } else if (layer.type == "Scale") {
    require_count(l, node.as<ScaleAttrs>().has_bias ? 2 : 1);
    copy_blob(node, "scale", l.blobs[0], 0);
    if (l.blobs.size() == 2) copy_blob(node, "bias", l.blobs[1], 1);
  } else if (layer.type == "BatchNorm") {
    load_batch_norm(node, layer, l, index);
  } else if (!l.blobs.empty()) {
    throw bad_input("weights have " + std::to_string(l.blobs.size()) +
                    " blobs for a layer without params");
  }
}

}  // namespace

void load_weights(Graph& graph, const CaffeNet& net, const std::vector<CaffeLayerBlobs>& blobs) {
  BlobIndex index;
  for (const auto& l : blobs) index.emplace(l.name, &l);
  std::unordered_map<std::string, const CaffeLayer*> layers;
  for (const auto& l : net.layers) layers.emplace(l.name, &l);
  for (Node& node : graph.nodes) {
    auto layer = layers.find(node.name);
    if (layer == layers.end()) continue;
    auto found = index.find(node.name);
    if (found == index.end() || found->second->blobs.empty()) continue;
    try {
      load_layer(node, *layer->second, *found->second, index);
    } catch (const Error& e) {
      throw bad_input(describe(*layer->second) + ": " + e.what());
    }
  }
}

void set_identity_affine(Graph& graph, const CaffeNet& net) {
  std::unordered_map<std::string, const CaffeLayer*> layers;
  for (const auto& l : net.layers) layers.emplace(l.name, &l);
  for (Node& node : graph.nodes) {
    auto it = layers.find(node.name);
    if (it == layers.end() || it->second->type != "BatchNorm") continue;
    const TextMessage* scale = it->second->fused_scale;
    if (!scale) {
      fill(node, "scale", 1.0f);
      fill(node, "bias", 0.0f);
      continue;
    }
    const TextMessage* p = scale->message("scale_param");
    Param* bias = node.param("bias");
    if (!(p && p->get_bool("bias_term", false)) && bias && bias->data.empty()) {
      fill(node, "bias", 0.0f);
    }
  }
}

}  // namespace synergy::caffe
