#include "io/caffe/export_layers.hpp"

#include "util/error.hpp"

namespace synergy::caffe {
namespace {

// `<base>: v` when both axes agree, else `<base>_h` and `<base>_w`; nothing at the default.
void write_hw(TextWriter& out, const std::string& base, const std::string& single, Hw v,
              int64_t fallback) {
  if (v.h == v.w) {
    if (v.h != fallback) out.int_field(single, v.h);
    return;
  }
  out.int_field(base + "_h", v.h);
  out.int_field(base + "_w", v.w);
}

void write_conv(const ConvAttrs& a, TextWriter& out) {
  out.open("convolution_param");
  out.int_field("num_output", a.out_channels);
  if (!a.has_bias) out.bool_field("bias_term", false);
  write_hw(out, "pad", "pad", {a.pads.top, a.pads.left}, 0);
  write_hw(out, "kernel", "kernel_size", a.kernel, -1);
  write_hw(out, "stride", "stride", a.stride, 1);
  if (a.groups != 1) out.int_field("group", a.groups);
  if (a.dilation.h != 1 || a.dilation.w != 1) {
    out.int_field("dilation", a.dilation.h);
    if (a.dilation.w != a.dilation.h) out.int_field("dilation", a.dilation.w);
  }
  out.close();
}

void write_pool(const PoolAttrs& a, TextWriter& out) {
  out.open("pooling_param");
  out.enum_field("pool", a.kind == PoolKind::Max ? "MAX" : "AVE");
  if (a.global) {
    out.bool_field("global_pooling", true);
  } else {
    write_hw(out, "kernel", "kernel_size", a.kernel, -1);
    write_hw(out, "stride", "stride", a.stride, 1);
    write_hw(out, "pad", "pad", {a.pads.top, a.pads.left}, 0);
    if (a.rounding == Rounding::Floor) out.enum_field("round_mode", "FLOOR");
  }
  out.close();
}

void write_activation(const ActivationAttrs& a, TextWriter& out) {
  if (a.kind == ActivationKind::LeakyRelu) {
    out.open("relu_param");
    out.float_field("negative_slope", a.alpha);
    out.close();
  } else if (a.kind == ActivationKind::Clip) {
    out.open("clip_param");
    out.float_field("min", a.alpha);
    out.float_field("max", a.beta);
    out.close();
  }
}

void write_lrn(const LrnAttrs& a, TextWriter& out) {
  out.open("lrn_param");
  out.int_field("local_size", a.size);
  out.float_field("alpha", a.alpha);
  out.float_field("beta", a.beta);
  out.float_field("k", a.bias);
  if (!a.across_channels) out.enum_field("norm_region", "WITHIN_CHANNEL");
  out.close();
}

void write_split(const SplitAttrs& a, TextWriter& out) {
  out.open("slice_param");
  out.int_field("axis", a.axis);
  int64_t point = 0;
  for (size_t i = 0; i + 1 < a.sizes.size(); ++i) out.int_field("slice_point", point += a.sizes[i]);
  out.close();
}

void write_one(TextWriter& out, const char* block, const char* field, int64_t value) {
  out.open(block);
  out.int_field(field, value);
  out.close();
}

}  // namespace

std::string caffe_type(const Node& n) {
  switch (n.kind()) {
    case OpKind::Conv:
      return "Convolution";
    case OpKind::Pool:
      return "Pooling";
    case OpKind::FullyConnected:
      return "InnerProduct";
    case OpKind::BatchNorm:
      return "BatchNorm";
    case OpKind::Scale:
      return "Scale";
    case OpKind::Lrn:
      return "LRN";
    case OpKind::Concat:
      return "Concat";
    case OpKind::Binary:
      return "Eltwise";
    case OpKind::Softmax:
      return "Softmax";
    case OpKind::Dropout:
      return "Dropout";
    case OpKind::Flatten:
      return "Flatten";
    case OpKind::Reshape:
      return "Reshape";
    case OpKind::Split:
      return "Slice";
    case OpKind::Activation:
      switch (n.as<ActivationAttrs>().kind) {
        case ActivationKind::Relu:
        case ActivationKind::LeakyRelu:
          return "ReLU";
        case ActivationKind::Clip:
          return "Clip";
        case ActivationKind::Sigmoid:
          return "Sigmoid";
        case ActivationKind::Tanh:
          return "TanH";
        case ActivationKind::Silu:
          return "Swish";
        default:
          break;
      }
      break;
    default:
      break;
  }
  throw bad_input("node '" + n.name + "' has no Caffe layer type");
}

void write_layer_params(const Node& n, TextWriter& out) {
  switch (n.kind()) {
    case OpKind::Conv:
      return write_conv(n.as<ConvAttrs>(), out);
    case OpKind::Pool:
      return write_pool(n.as<PoolAttrs>(), out);
    case OpKind::FullyConnected:
      out.open("inner_product_param");
      out.int_field("num_output", n.as<FullyConnectedAttrs>().out_features);
      if (!n.as<FullyConnectedAttrs>().has_bias) out.bool_field("bias_term", false);
      return out.close();
    case OpKind::BatchNorm:
      out.open("batch_norm_param");
      out.bool_field("use_global_stats", true);
      out.float_field("eps", n.as<BatchNormAttrs>().epsilon);
      return out.close();
    case OpKind::Scale:
      out.open("scale_param");
      out.bool_field("bias_term", n.as<ScaleAttrs>().has_bias);
      return out.close();
    case OpKind::Activation:
      return write_activation(n.as<ActivationAttrs>(), out);
    case OpKind::Lrn:
      return write_lrn(n.as<LrnAttrs>(), out);
    case OpKind::Concat:
      return write_one(out, "concat_param", "axis", n.as<ConcatAttrs>().axis);
    case OpKind::Binary:
      out.open("eltwise_param");
      out.enum_field("operation", n.as<BinaryAttrs>().kind == BinaryKind::Add ? "SUM" : "PROD");
      return out.close();
    case OpKind::Softmax:
      return write_one(out, "softmax_param", "axis", n.as<SoftmaxAttrs>().axis);
    case OpKind::Dropout:
      out.open("dropout_param");
      out.float_field("dropout_ratio", n.as<DropoutAttrs>().ratio);
      return out.close();
    case OpKind::Reshape:
      out.open("reshape_param");
      out.open("shape");
      for (int64_t d : n.as<ReshapeAttrs>().shape) out.int_field("dim", d);
      out.close();
      return out.close();
    case OpKind::Split:
      return write_split(n.as<SplitAttrs>(), out);
    default:
      return;
  }
}

}  // namespace synergy::caffe
