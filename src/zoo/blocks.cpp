#include "zoo/blocks.hpp"

namespace synergy::zoo {

ConvAttrs conv(int64_t out, int64_t kernel, int64_t stride, int64_t pad, int64_t groups,
               bool bias) {
  ConvAttrs a;
  a.out_channels = out;
  a.kernel = {kernel, kernel};
  a.stride = {stride, stride};
  a.pads = Pads::same(pad);
  a.groups = groups;
  a.has_bias = bias;
  return a;
}

ConvAttrs conv_rect(int64_t out, Hw kernel, Hw pad) {
  ConvAttrs a;
  a.out_channels = out;
  a.kernel = kernel;
  a.pads = {pad.h, pad.w, pad.h, pad.w};
  a.has_bias = false;
  return a;
}

PoolAttrs max_pool(int64_t kernel, int64_t stride, int64_t pad, Rounding rounding) {
  PoolAttrs a;
  a.kind = PoolKind::Max;
  a.kernel = {kernel, kernel};
  a.stride = {stride, stride};
  a.pads = Pads::same(pad);
  a.rounding = rounding;
  return a;
}

PoolAttrs avg_pool(int64_t kernel, int64_t stride, int64_t pad, Rounding rounding,
                   bool count_include_pad) {
  PoolAttrs a = max_pool(kernel, stride, pad, rounding);
  a.kind = PoolKind::Average;
  a.count_include_pad = count_include_pad;
  return a;
}

PoolAttrs global_avg_pool() {
  PoolAttrs a;
  a.kind = PoolKind::Average;
  a.global = true;
  return a;
}

ActivationAttrs relu() {
  return {ActivationKind::Relu, 0.0f, 0.0f};
}

ActivationAttrs relu6() {
  return {ActivationKind::Clip, 0.0f, 6.0f};
}

FullyConnectedAttrs fc(int64_t out) {
  return {out, true};
}

ValueId conv_relu(GraphBuilder& b, const std::string& conv_name, const std::string& relu_name,
                  ValueId in, ConvAttrs a) {
  return b.add1(relu_name, relu(), {b.add1(conv_name, a, {in})});
}

ValueId conv_bn(GraphBuilder& b, const ConvBnNames& names, ValueId in, ConvAttrs a,
                ActivationAttrs act) {
  ValueId x = b.add1(names.conv, a, {in});
  x = b.add1(names.bn, BatchNormAttrs{}, {x});
  return names.act.empty() ? x : b.add1(names.act, act, {x});
}

ValueId tv_conv_bn(GraphBuilder& b, const std::string& prefix, int index, ValueId in, ConvAttrs a,
                   bool with_relu) {
  const std::string i = std::to_string(index);
  a.has_bias = false;
  return conv_bn(
      b, {prefix + ".conv" + i, prefix + ".bn" + i, with_relu ? prefix + ".relu" + i : ""}, in, a);
}

ValueId conv_bn_scale(GraphBuilder& b, const std::string& conv_name, const std::string& suffix,
                      ValueId in, ConvAttrs a, bool with_relu) {
  ValueId x = b.add1(conv_name, a, {in});
  x = b.add1("bn" + suffix, BatchNormAttrs{}, {x});
  x = b.add1("scale" + suffix, ScaleAttrs{}, {x});
  return with_relu ? b.add1(conv_name + "_relu", relu(), {x}) : x;
}

ValueId softmax(GraphBuilder& b, const std::string& name, ValueId in) {
  return b.add1(name, SoftmaxAttrs{1}, {in});
}

}  // namespace synergy::zoo
