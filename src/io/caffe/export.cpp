// export_caffe_prototxt: input_shape header, then one layer per node (BatchNorm as Caffe's
// BatchNorm + Scale pair, which the importer folds back into one node).
#include <unordered_set>

#include "io/caffe/caffe.hpp"
#include "io/caffe/export_check.hpp"
#include "io/caffe/export_layers.hpp"
#include "io/caffe/text_writer.hpp"

namespace synergy {
namespace {

using caffe::TextWriter;

// Caffe blob names: the value's name, made unique.
std::vector<std::string> blob_names(const Graph& g) {
  std::vector<std::string> names;
  std::unordered_set<std::string> taken;
  for (size_t v = 0; v < g.values.size(); ++v) {
    std::string name = g.values[v].name;
    if (name.empty()) name.append("v").append(std::to_string(v));
    const std::string base = name;
    for (int i = 1; !taken.insert(name).second; ++i) name = base + "_" + std::to_string(i);
    names.push_back(name);
  }
  return names;
}

std::string unique_layer_name(const std::string& base, std::unordered_set<std::string>& taken) {
  std::string name = base;
  for (int i = 1; !taken.insert(name).second; ++i) name = base + "_" + std::to_string(i);
  return name;
}

void write_header(const Graph& g, const std::vector<std::string>& blobs, TextWriter& out) {
  out.string_field("name", g.name);
  for (ValueId v : g.inputs) out.string_field("input", blobs[static_cast<size_t>(v)]);
  for (ValueId v : g.inputs) {
    out.open("input_shape");
    for (int64_t d : g.shape(v).dims) out.int_field("dim", d);
    out.close();
  }
}

void write_node(const Node& n, const std::vector<std::string>& blobs, TextWriter& out) {
  out.open("layer");
  out.string_field("name", n.name);
  out.string_field("type", caffe::caffe_type(n));
  for (ValueId v : n.inputs) out.string_field("bottom", blobs[static_cast<size_t>(v)]);
  for (ValueId v : n.outputs) out.string_field("top", blobs[static_cast<size_t>(v)]);
  caffe::write_layer_params(n, out);
  out.close();
}

// Caffe's BatchNorm only normalises; the affine part is an in-place Scale layer after it.
void write_bn_scale(const std::string& name, const std::string& blob, TextWriter& out) {
  out.open("layer");
  out.string_field("name", name);
  out.string_field("type", "Scale");
  out.string_field("bottom", blob);
  out.string_field("top", blob);
  out.open("scale_param");
  out.bool_field("bias_term", true);
  out.close();
  out.close();
}

}  // namespace

std::string export_caffe_prototxt(const Graph& graph) {
  caffe::require_caffe_expressible(graph);
  const std::vector<std::string> blobs = blob_names(graph);
  std::unordered_set<std::string> layer_names;
  for (const auto& n : graph.nodes) layer_names.insert(n.name);
  TextWriter out;
  write_header(graph, blobs, out);
  for (const auto& n : graph.nodes) {
    write_node(n, blobs, out);
    if (n.kind() == OpKind::BatchNorm) {
      write_bn_scale(unique_layer_name(n.name + "_scale", layer_names),
                     blobs[static_cast<size_t>(n.outputs[0])], out);
    }
  }
  return out.text();
}

}  // namespace synergy
