// Reading the net: inputs in their three spellings, TEST-phase layers, V1 type names.
#include <array>
#include <utility>

#include "io/caffe/net_spec.hpp"
#include "util/error.hpp"

namespace synergy::caffe {
namespace {

// V1LayerParameter.LayerType names of the layers we map, with their V2 type strings.
constexpr std::array<std::pair<const char*, const char*>, 16> kV1Types{{
    {"CONVOLUTION", "Convolution"},
    {"POOLING", "Pooling"},
    {"INNER_PRODUCT", "InnerProduct"},
    {"RELU", "ReLU"},
    {"SIGMOID", "Sigmoid"},
    {"TANH", "TanH"},
    {"LRN", "LRN"},
    {"CONCAT", "Concat"},
    {"ELTWISE", "Eltwise"},
    {"DROPOUT", "Dropout"},
    {"SOFTMAX", "Softmax"},
    {"FLATTEN", "Flatten"},
    {"SPLIT", "Split"},
    {"SLICE", "Slice"},
    {"DATA", "Data"},
    {"SOFTMAX_LOSS", "SoftmaxWithLoss"},
}};

std::string layer_type(const TextMessage& m) {
  const TextField* f = m.last("type");
  if (!f) return "";
  if (f->kind == TextKind::String) return f->text;
  const std::string name = m.get_enum("type", "");
  for (const auto& [v1, v2] : kV1Types)
    if (name == v1) return v2;
  return name;
}

bool phase_is(const TextMessage& rule, const char* phase, const char* number) {
  const std::string p = rule.get_enum("phase", "");
  return p == phase || p == number;
}

// Deploy semantics: the TEST phase (include { phase: TRAIN } and exclude { phase: TEST } drop).
bool in_test_phase(const TextMessage& m) {
  for (const TextMessage* r : m.messages("include"))
    if (phase_is(*r, "TRAIN", "0")) return false;
  for (const TextMessage* r : m.messages("exclude"))
    if (phase_is(*r, "TEST", "1")) return false;
  return true;
}

Dims shape_dims(const TextMessage& shape) {
  return shape.ints("dim");
}

void read_header_inputs(const TextMessage& root, CaffeNet& net) {
  const std::vector<std::string> names = root.strings("input");
  const std::vector<const TextMessage*> shapes = root.messages("input_shape");
  const std::vector<int64_t> dims = root.ints("input_dim");
  if (names.empty()) {
    if (!shapes.empty() || !dims.empty()) throw bad_input("input_shape/input_dim without input");
    return;
  }
  if (!shapes.empty()) {
    if (shapes.size() != names.size()) {
      throw bad_input(std::to_string(names.size()) + " inputs but " +
                      std::to_string(shapes.size()) + " input_shape entries");
    }
    for (size_t i = 0; i < names.size(); ++i)
      net.inputs.push_back({names[i], shape_dims(*shapes[i])});
    return;
  }
  if (dims.size() != 4 * names.size()) {
    throw bad_input(std::to_string(names.size()) + " inputs need " +
                    std::to_string(4 * names.size()) + " input_dim values, found " +
                    std::to_string(dims.size()));
  }
  for (size_t i = 0; i < names.size(); ++i) {
    net.inputs.push_back({names[i], Dims(dims.begin() + 4 * i, dims.begin() + 4 * i + 4)});
  }
}

void read_input_layer(const CaffeLayer& layer, CaffeNet& net) {
  const TextMessage* param = layer.spec->message("input_param");
  const auto shapes = param ? param->messages("shape") : std::vector<const TextMessage*>{};
  if (!layer.bottoms.empty()) throw bad_input(describe(layer) + ": an Input layer has no bottom");
  if (layer.tops.empty()) throw bad_input(describe(layer) + ": has no top");
  if (shapes.size() != 1 && shapes.size() != layer.tops.size()) {
    throw bad_input(describe(layer) + ": needs one input_param shape, or one per top (" +
                    std::to_string(layer.tops.size()) + "), found " +
                    std::to_string(shapes.size()));
  }
  for (size_t i = 0; i < layer.tops.size(); ++i) {
    net.inputs.push_back({layer.tops[i], shape_dims(*shapes[shapes.size() == 1 ? 0 : i])});
  }
}

CaffeLayer read_layer(const TextMessage& m, size_t index) {
  CaffeLayer layer;
  layer.spec = &m;
  layer.type = layer_type(m);
  layer.name = m.get_string("name", "");
  if (layer.name.empty()) {
    layer.name = (layer.type.empty() ? "layer" : layer.type) + "_" + std::to_string(index);
  }
  if (layer.type.empty()) throw bad_input(describe(layer) + ": has no type");
  layer.bottoms = m.strings("bottom");
  layer.tops = m.strings("top");
  return layer;
}

}  // namespace

std::string describe(const CaffeLayer& layer) {
  return "layer '" + layer.name + "' (" + (layer.type.empty() ? "no type" : layer.type) + ")";
}

CaffeNet read_net(const TextMessage& root) {
  CaffeNet net;
  net.name = root.get_string("name", "");
  read_header_inputs(root, net);
  std::vector<const TextMessage*> specs = root.messages("layer");
  const auto v1 = root.messages("layers");
  if (!specs.empty() && !v1.empty()) throw bad_input("both 'layer' and legacy 'layers' are used");
  if (specs.empty()) specs = v1;
  for (size_t i = 0; i < specs.size(); ++i) {
    if (!in_test_phase(*specs[i])) continue;
    CaffeLayer layer = read_layer(*specs[i], i);
    if (layer.type == "Input") {
      read_input_layer(layer, net);
    } else {
      net.layers.push_back(std::move(layer));
    }
  }
  if (net.inputs.empty()) {
    throw bad_input("no input: declare 'input' with input_shape/input_dim, or an Input layer");
  }
  return net;
}

}  // namespace synergy::caffe
