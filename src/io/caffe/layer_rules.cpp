// The explicit table of Caffe layer types and their mapping rules.
#include "io/caffe/layer_rules.hpp"

#include <array>

#include "util/error.hpp"

namespace synergy::caffe {
namespace {

struct RuleEntry {
  const char* type;
  LayerRule rule;
};

constexpr std::array<RuleEntry, 18> kRules{{
    {"BatchNorm", batch_norm_rule},
    {"Clip", clip_rule},
    {"Concat", concat_rule},
    {"Convolution", convolution_rule},
    {"Dropout", dropout_rule},
    {"Eltwise", eltwise_rule},
    {"Flatten", flatten_rule},
    {"InnerProduct", inner_product_rule},
    {"LRN", lrn_rule},
    {"Pooling", pooling_rule},
    {"ReLU", relu_rule},
    {"Reshape", reshape_rule},
    {"Scale", scale_rule},
    {"Sigmoid", sigmoid_rule},
    {"Slice", slice_rule},
    {"Softmax", softmax_rule},
    {"Swish", swish_rule},
    {"TanH", tanh_rule},
}};

}  // namespace

std::string supported_layer_types() {
  std::string s = "Input, Split";
  for (const auto& r : kRules) s += std::string(", ") + r.type;
  return s;
}

LayerRule rule_for(const CaffeLayer& layer) {
  for (const auto& r : kRules)
    if (layer.type == r.type) return r.rule;
  throw unsupported(describe(layer) + ": unsupported layer type '" + layer.type +
                    "'; supported: " + supported_layer_types());
}

const TextMessage& param_message(const CaffeLayer& layer, const char* field) {
  static const TextMessage empty;
  const TextMessage* m = layer.spec->message(field);
  return m ? *m : empty;
}

void emit_single(const CaffeLayer& layer, Emitter& emitter, Attrs attrs) {
  if (layer.bottoms.size() != 1 || layer.tops.size() != 1) {
    throw bad_input("needs one bottom and one top, has " + std::to_string(layer.bottoms.size()) +
                    " and " + std::to_string(layer.tops.size()));
  }
  emitter.node(layer.name, std::move(attrs), layer.bottoms, layer.tops);
}

}  // namespace synergy::caffe
