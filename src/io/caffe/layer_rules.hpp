// One mapping rule per Caffe layer type: a Caffe layer becomes graph nodes.
#pragma once

#include <string>

#include "io/caffe/emitter.hpp"
#include "io/caffe/net_spec.hpp"

namespace synergy::caffe {

using LayerRule = void (*)(const CaffeLayer& layer, Emitter& emitter);

// The rule for a type; throws unsupported listing every supported type when there is none.
LayerRule rule_for(const CaffeLayer& layer);
// "BatchNorm, Concat, ..." (Input and Split included: normalisation handles them).
std::string supported_layer_types();

// The rules, grouped by concern (rules_window.cpp, rules_pointwise.cpp, rules_tensor.cpp).
void convolution_rule(const CaffeLayer&, Emitter&);
void pooling_rule(const CaffeLayer&, Emitter&);
void inner_product_rule(const CaffeLayer&, Emitter&);
void relu_rule(const CaffeLayer&, Emitter&);
void sigmoid_rule(const CaffeLayer&, Emitter&);
void tanh_rule(const CaffeLayer&, Emitter&);
void clip_rule(const CaffeLayer&, Emitter&);
void swish_rule(const CaffeLayer&, Emitter&);
void lrn_rule(const CaffeLayer&, Emitter&);
void batch_norm_rule(const CaffeLayer&, Emitter&);
void scale_rule(const CaffeLayer&, Emitter&);
void dropout_rule(const CaffeLayer&, Emitter&);
void softmax_rule(const CaffeLayer&, Emitter&);
void concat_rule(const CaffeLayer&, Emitter&);
void eltwise_rule(const CaffeLayer&, Emitter&);
void flatten_rule(const CaffeLayer&, Emitter&);
void reshape_rule(const CaffeLayer&, Emitter&);
void slice_rule(const CaffeLayer&, Emitter&);

// Shared by the rules: the layer's `<field>` sub-message (an empty one when absent), and a node
// with exactly one bottom and one top.
const TextMessage& param_message(const CaffeLayer& layer, const char* field);
void emit_single(const CaffeLayer& layer, Emitter& emitter, Attrs attrs);

}  // namespace synergy::caffe
