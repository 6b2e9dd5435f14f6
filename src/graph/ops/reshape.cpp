// Reshape with ONNX semantics: 0 copies the input dimension, one -1 is inferred.
#include "graph/ops/common.hpp"
#include "util/checked.hpp"

namespace synergy::ops {
namespace {

std::vector<Shape> infer(const Node& node, std::span<const Shape> in) {
  const Dims& target = node.as<ReshapeAttrs>().shape;
  Shape out(target);
  int64_t known = 1;
  int infer_at = -1;
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] == 0) {
      if (i >= in[0].rank()) throw bad_input("Reshape 0 at axis beyond input rank");
      out[i] = in[0][i];
    } else if (target[i] == -1) {
      if (infer_at >= 0) throw bad_input("Reshape has more than one -1");
      infer_at = static_cast<int>(i);
      continue;
    } else if (target[i] < 0) {
      throw bad_input("Reshape has negative dimension " + std::to_string(target[i]));
    }
    known = checked_mul(known, out[i], "Reshape");
  }
  const int64_t total = in[0].numel();
  if (infer_at >= 0) {
    if (known == 0 || total % known != 0) {
      throw bad_input("cannot reshape " + in[0].str() + " to " + Shape(target).str());
    }
    out[static_cast<size_t>(infer_at)] = total / known;
  } else if (known != total) {
    throw bad_input("cannot reshape " + in[0].str() + " to " + Shape(target).str());
  }
  return {out};
}

// A view: no arithmetic, no traffic.
LayerCost cost(const Node&, std::span<const Shape>, std::span<const Shape>) {
  return {};
}

}  // namespace

const OpDef& reshape_op() {
  static const OpDef def{"Reshape", OpKind::Reshape, 1, 1, infer, no_params, cost};
  return def;
}

}  // namespace synergy::ops
