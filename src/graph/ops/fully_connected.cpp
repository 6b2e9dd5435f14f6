// Fully-connected (inner product) over the input flattened from axis 1.
#include <algorithm>

#include "graph/ops/common.hpp"
#include "util/checked.hpp"

namespace synergy::ops {
namespace {

int64_t in_features(const Shape& s) {
  if (s.rank() < 2) throw bad_input("FullyConnected input needs rank >= 2, got " + s.str());
  return s.numel() / std::max<int64_t>(s[0], 1);
}

std::vector<Shape> infer(const Node& node, std::span<const Shape> in) {
  const auto& a = node.as<FullyConnectedAttrs>();
  if (a.out_features < 1) throw bad_input("out_features must be >= 1");
  in_features(in[0]);
  return {Shape{in[0][0], a.out_features}};
}

std::vector<ParamSpec> params(const Node& node, std::span<const Shape> in) {
  const auto& a = node.as<FullyConnectedAttrs>();
  const int64_t k = in_features(in[0]);
  std::vector<ParamSpec> p{{"weight", Shape{a.out_features, k}, ParamInit::FanIn, k}};
  if (a.has_bias) p.push_back({"bias", Shape{a.out_features}, ParamInit::Small, 1});
  return p;
}

// MACs: batch * in * out (the study's FC definition, per image in * out).
LayerCost cost(const Node& node, std::span<const Shape> in, std::span<const Shape> out) {
  const auto& a = node.as<FullyConnectedAttrs>();
  LayerCost c = io_cost(in, out);
  c.macs = checked_mul(out[0].numel(), in_features(in[0]), "MACs");
  c.flops = checked_mul(c.macs, 2, "FLOPs");
  if (a.has_bias) c.flops = checked_add(c.flops, out[0].numel(), "FLOPs");
  add_param_cost(c, params(node, in));
  return c;
}

}  // namespace

const OpDef& fully_connected_op() {
  static const OpDef def{"FullyConnected", OpKind::FullyConnected, 1, 1, infer, params, cost};
  return def;
}

}  // namespace synergy::ops
