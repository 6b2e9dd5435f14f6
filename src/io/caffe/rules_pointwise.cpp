// Layers that keep their input's shape: inner product aside, activations, normalisations,
// dropout and softmax.
#include "io/caffe/layer_rules.hpp"
#include "util/error.hpp"

namespace synergy::caffe {
namespace {

float to_f(double v) {
  return static_cast<float>(v);
}

void activation(const CaffeLayer& layer, Emitter& e, ActivationKind kind, float alpha = 0,
                float beta = 0) {
  emit_single(layer, e, ActivationAttrs{kind, alpha, beta});
}

}  // namespace

void inner_product_rule(const CaffeLayer& layer, Emitter& e) {
  const TextMessage& p = param_message(layer, "inner_product_param");
  if (p.get_int("axis", 1) != 1) throw unsupported("only axis 1 is supported");
  emit_single(layer, e,
              FullyConnectedAttrs{p.get_int("num_output", 0), p.get_bool("bias_term", true)});
}

void relu_rule(const CaffeLayer& layer, Emitter& e) {
  const double slope = param_message(layer, "relu_param").get_float("negative_slope", 0.0);
  if (slope == 0.0) return activation(layer, e, ActivationKind::Relu);
  activation(layer, e, ActivationKind::LeakyRelu, to_f(slope));
}

void sigmoid_rule(const CaffeLayer& layer, Emitter& e) {
  activation(layer, e, ActivationKind::Sigmoid);
}

void tanh_rule(const CaffeLayer& layer, Emitter& e) {
  activation(layer, e, ActivationKind::Tanh);
}

void clip_rule(const CaffeLayer& layer, Emitter& e) {
  const TextMessage& p = param_message(layer, "clip_param");
  if (!p.has("min") || !p.has("max")) throw bad_input("clip_param needs min and max");
  const double lo = p.get_float("min", 0), hi = p.get_float("max", 0);
  if (!(lo <= hi)) throw bad_input("clip_param min is above max");
  activation(layer, e, ActivationKind::Clip, to_f(lo), to_f(hi));
}

void swish_rule(const CaffeLayer& layer, Emitter& e) {
  if (param_message(layer, "swish_param").get_float("beta", 1.0) != 1.0) {
    throw unsupported("Swish with beta other than 1");
  }
  activation(layer, e, ActivationKind::Silu);
}

void lrn_rule(const CaffeLayer& layer, Emitter& e) {
  const TextMessage& p = param_message(layer, "lrn_param");
  LrnAttrs a;
  a.size = p.get_int("local_size", 5);
  a.alpha = to_f(p.get_float("alpha", 1.0));
  a.beta = to_f(p.get_float("beta", 0.75));
  a.bias = to_f(p.get_float("k", 1.0));
  const std::string region = p.get_enum("norm_region", "ACROSS_CHANNELS");
  if (region == "WITHIN_CHANNEL" || region == "1") {
    a.across_channels = false;
    a.bias = 1.0f;  // Caffe ignores k within a channel: its power layer shifts by 1
  } else if (region != "ACROSS_CHANNELS" && region != "0") {
    throw bad_input("unknown norm_region " + region);
  }
  if (a.size < 1 || a.size % 2 == 0) throw bad_input("local_size must be odd and positive");
  emit_single(layer, e, a);
}

void batch_norm_rule(const CaffeLayer& layer, Emitter& e) {
  const TextMessage& p = param_message(layer, "batch_norm_param");
  if (!p.get_bool("use_global_stats", true)) {
    throw unsupported("use_global_stats: false computes batch statistics; inference needs true");
  }
  emit_single(layer, e, BatchNormAttrs{to_f(p.get_float("eps", 1e-5))});
}

void scale_rule(const CaffeLayer& layer, Emitter& e) {
  const TextMessage& p = param_message(layer, "scale_param");
  if (layer.bottoms.size() != 1) {
    throw unsupported("Scale with two bottoms (a broadcast product) is not supported");
  }
  if (p.get_int("axis", 1) != 1 || p.get_int("num_axes", 1) != 1) {
    throw unsupported("only per-channel Scale (axis 1, num_axes 1) is supported");
  }
  emit_single(layer, e, ScaleAttrs{p.get_bool("bias_term", false)});
}

void dropout_rule(const CaffeLayer& layer, Emitter& e) {
  const double ratio = param_message(layer, "dropout_param").get_float("dropout_ratio", 0.5);
  if (!(ratio >= 0.0 && ratio < 1.0)) throw bad_input("dropout_ratio must be in [0, 1)");
  emit_single(layer, e, DropoutAttrs{to_f(ratio)});
}

void softmax_rule(const CaffeLayer& layer, Emitter& e) {
  emit_single(layer, e, SoftmaxAttrs{param_message(layer, "softmax_param").get_int("axis", 1)});
}

}  // namespace synergy::caffe
