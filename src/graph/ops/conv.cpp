// Convolution: grouped (incl. depthwise), strided, dilated, symmetric or asymmetric padding.
#include "graph/ops/common.hpp"
#include "util/checked.hpp"

namespace synergy::ops {
namespace {

std::vector<Shape> infer(const Node& node, std::span<const Shape> in) {
  const auto& a = node.as<ConvAttrs>();
  require_rank(in[0], 4, "Conv input");
  const int64_t c = in[0][1];
  if (a.out_channels < 1) throw bad_input("out_channels must be >= 1");
  if (a.groups < 1 || c % a.groups != 0 || a.out_channels % a.groups != 0) {
    throw bad_input("groups " + std::to_string(a.groups) + " must divide input channels " +
                    std::to_string(c) + " and output channels " + std::to_string(a.out_channels));
  }
  const int64_t h = window_out(in[0][2], a.kernel.h, a.stride.h, a.dilation.h, a.pads.top,
                               a.pads.bottom, Rounding::Floor);
  const int64_t w = window_out(in[0][3], a.kernel.w, a.stride.w, a.dilation.w, a.pads.left,
                               a.pads.right, Rounding::Floor);
  return {Shape{in[0][0], a.out_channels, h, w}};
}

std::vector<ParamSpec> params(const Node& node, std::span<const Shape> in) {
  const auto& a = node.as<ConvAttrs>();
  const int64_t cin_per_group = in[0][1] / a.groups;
  const int64_t fan_in = checked_mul(checked_mul(cin_per_group, a.kernel.h), a.kernel.w);
  std::vector<ParamSpec> p{{"weight", Shape{a.out_channels, cin_per_group, a.kernel.h, a.kernel.w},
                            ParamInit::FanIn, fan_in}};
  if (a.has_bias) p.push_back({"bias", Shape{a.out_channels}, ParamInit::Small, 1});
  return p;
}

// MACs as the SyNERGY study defines them: out_h*out_w*out_c*k_h*k_w*(in_c/groups), times batch.
LayerCost cost(const Node& node, std::span<const Shape> in, std::span<const Shape> out) {
  const auto& a = node.as<ConvAttrs>();
  LayerCost c = io_cost(in, out);
  const int64_t per_output = checked_mul(checked_mul(a.kernel.h, a.kernel.w), in[0][1] / a.groups);
  c.macs = checked_mul(out[0].numel(), per_output, "MACs");
  c.flops = checked_mul(c.macs, 2, "FLOPs");
  if (a.has_bias) c.flops = checked_add(c.flops, out[0].numel(), "FLOPs");
  add_param_cost(c, params(node, in));
  return c;
}

}  // namespace

const OpDef& conv_op() {
  static const OpDef def{"Conv", OpKind::Conv, 1, 1, infer, params, cost};
  return def;
}

}  // namespace synergy::ops
