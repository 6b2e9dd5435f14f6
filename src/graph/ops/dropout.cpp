// Dropout: the identity at inference (kept so imported networks keep their layer names).
#include "graph/ops/common.hpp"

namespace synergy::ops {
namespace {

// A view of its input: no arithmetic and no traffic.
LayerCost cost(const Node&, std::span<const Shape>, std::span<const Shape>) {
  return {};
}

}  // namespace

const OpDef& dropout_op() {
  static const OpDef def{"Dropout", OpKind::Dropout, 1, 1, same_shape, no_params, cost};
  return def;
}

}  // namespace synergy::ops
